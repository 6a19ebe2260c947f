package org.jeventstore.internal;

import java.util.Locale;
import java.util.Objects;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jeventstore.EventStore;
import org.jeventstore.observation.Operation;
import org.jeventstore.observation.OperationObservation;
import org.jeventstore.observation.StoreObserver;
import org.jeventstore.observation.SubscriptionObserver;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.subscription.Subscription;

/**
 * The store's side of a {@link StoreObserver}: every call into it is guarded, so that an observer that throws
 * is logged and never breaks the operation it watches. The store holds none when no observer is registered,
 * and then does no observing work at all.
 */
public final class GuardedObserver {

    private static final System.Logger LOG = System.getLogger("org.jeventstore.observation");

    private final StoreObserver observer;
    private final String engine;
    private final AtomicBoolean warned = new AtomicBoolean();
    /** Made once, so that no operation allocates a message it will not need. */
    private final String startReturnedNull;
    private final String subscribedReturnedNull;

    /** {@code engine}: the engine's name as {@link StoreObserver#opened} describes it. */
    public GuardedObserver(StoreObserver observer, String engine) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.startReturnedNull = observer.getClass().getName() + ".start returned null";
        this.subscribedReturnedNull = observer.getClass().getName() + ".subscribed returned null";
    }

    /**
     * The name of the engine a URI opens, for an observer: the scheme, or for a {@code jdbc:} URI its
     * sub-protocol, which names the database reached ({@code postgresql}, {@code sqlite}, …).
     */
    public static String engineName(StoreUri uri) {
        if (!uri.scheme().equals("jdbc")) {
            return uri.scheme();
        }
        String rest = uri.schemeSpecificPart();
        int colon = rest.indexOf(':');
        return colon > 0 ? rest.substring(0, colon).toLowerCase(Locale.ROOT) : "jdbc";
    }

    /** Tells the observer of the store; not guarded: an observer that refuses the store fails the build. */
    void opened(EventStore store) {
        observer.opened(store, engine);
    }

    /** Starts observing an operation that runs on this thread. */
    OperationObservation start(Operation operation) {
        try {
            return new Guarded(Objects.requireNonNull(observer.start(operation), startReturnedNull));
        } catch (RuntimeException | LinkageError e) {
            logFailure("start", e);
            return OperationObservation.none();
        }
    }

    /** Runs a synchronous operation under an observation. */
    <T> T observe(Operation operation, Supplier<T> work) {
        OperationObservation observation = start(operation);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            observation.failed(e);
            throw e;
        }
        observation.succeeded();
        return result;
    }

    /**
     * Observes a lazy read from this call until its stream is exhausted, fails or is closed, whichever comes
     * first; the observation ends once.
     */
    <T> Stream<T> observeStream(Operation operation, Supplier<Stream<T>> read) {
        OperationObservation observation = start(operation);
        Stream<T> stream;
        try {
            stream = read.get();
        } catch (RuntimeException | Error e) {
            observation.failed(e);
            throw e;
        }
        EndsOnce end = new EndsOnce(observation);
        return StreamSupport.stream(new Observed<>(stream.spliterator(), end), false)
                .onClose(end::succeeded)
                .onClose(stream::close);
    }

    SubscriptionObserver subscribed(Subscription subscription) {
        try {
            return new GuardedSubscription(Objects.requireNonNull(observer.subscribed(subscription),
                    subscribedReturnedNull));
        } catch (RuntimeException | LinkageError e) {
            logFailure("subscribed", e);
            return SubscriptionObserver.none();
        }
    }

    /** Tells the observer the store closed; the last call. */
    void closed() {
        try {
            observer.closed();
        } catch (RuntimeException | LinkageError e) {
            logFailure("closed", e);
        }
    }

    /**
     * The name of an engine handed to the builder as an object: its simple class name in lower case without
     * the {@code Engine} suffix, as a provider would name it ({@code MemoryEngine} is {@code memory}).
     */
    public static String engineName(Object engine) {
        String name = engine.getClass().getSimpleName();
        if (name.endsWith("Engine")) {
            name = name.substring(0, name.length() - "Engine".length());
        }
        return name.isEmpty() ? "other" : name.toLowerCase(Locale.ROOT);
    }

    private void logFailure(String call, Throwable e) {
        boolean first = warned.compareAndSet(false, true);
        LOG.log(first ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, "Store observer "
                + observer.getClass().getName() + " failed in " + call + "; the operation goes on"
                + (first ? " (later failures are logged at DEBUG)" : ""), e);
    }

    /** An operation's observation whose failures are logged. */
    private final class Guarded implements OperationObservation {
        private final OperationObservation delegate;

        Guarded(OperationObservation delegate) {
            this.delegate = delegate;
        }

        @Override
        public void succeeded() {
            try {
                delegate.succeeded();
            } catch (RuntimeException | LinkageError e) {
                logFailure("succeeded", e);
            }
        }

        @Override
        public void failed(Throwable failure) {
            try {
                delegate.failed(failure);
            } catch (RuntimeException | LinkageError e) {
                logFailure("failed", e);
                if (e != failure) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /** Ends a lazy read's observation at the first of exhaustion, failure and close. */
    private static final class EndsOnce {
        private final OperationObservation observation;
        private final AtomicBoolean ended = new AtomicBoolean();

        EndsOnce(OperationObservation observation) {
            this.observation = observation;
        }

        void succeeded() {
            if (ended.compareAndSet(false, true)) {
                observation.succeeded();
            }
        }

        void failed(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                observation.failed(failure);
            }
        }
    }

    /** A lazy read's elements, ending its observation when they run out or fail. */
    private static final class Observed<T> implements Spliterator<T> {
        private final Spliterator<T> source;
        private final EndsOnce end;
        /** The caller's action, wrapped once (forEach hands the same one every time) to tell its failures apart. */
        private Consumer<? super T> action;
        private Consumer<T> watched;
        private boolean downstreamFailed;

        Observed(Spliterator<T> source, EndsOnce end) {
            this.source = source;
            this.end = end;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            if (action != this.action) {
                this.action = action;
                this.watched = element -> {
                    try {
                        action.accept(element);
                    } catch (RuntimeException | Error e) {
                        downstreamFailed = true;
                        throw e;
                    }
                };
            }
            boolean advanced;
            try {
                advanced = source.tryAdvance(watched);
            } catch (RuntimeException | Error e) {
                // The caller's own code failing is not the read's failure: the stream's close ends it.
                if (!downstreamFailed) {
                    end.failed(e);
                }
                throw e;
            }
            if (!advanced) {
                end.succeeded();
            }
            return advanced;
        }

        @Override
        public Spliterator<T> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return source.estimateSize();
        }

        @Override
        public int characteristics() {
            return source.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
        }
    }

    /** A subscription's observer whose failures are logged. */
    private final class GuardedSubscription implements SubscriptionObserver {
        private final SubscriptionObserver delegate;

        GuardedSubscription(SubscriptionObserver delegate) {
            this.delegate = delegate;
        }

        @Override
        public void delivered(long checkpoint) {
            try {
                delegate.delivered(checkpoint);
            } catch (RuntimeException | LinkageError e) {
                logFailure("delivered", e);
            }
        }

        @Override
        public void handlerFailed(long checkpoint, int attempt, Throwable failure) {
            try {
                delegate.handlerFailed(checkpoint, attempt, failure);
            } catch (RuntimeException | LinkageError e) {
                logFailure("handlerFailed", e);
            }
        }

        @Override
        public void retrying(long checkpoint, int attempt) {
            try {
                delegate.retrying(checkpoint, attempt);
            } catch (RuntimeException | LinkageError e) {
                logFailure("retrying", e);
            }
        }

        @Override
        public void parked(long checkpoint) {
            try {
                delegate.parked(checkpoint);
            } catch (RuntimeException | LinkageError e) {
                logFailure("parked", e);
            }
        }

        @Override
        public void positionStored(long checkpoint) {
            try {
                delegate.positionStored(checkpoint);
            } catch (RuntimeException | LinkageError e) {
                logFailure("positionStored", e);
            }
        }

        @Override
        public void stopped() {
            try {
                delegate.stopped();
            } catch (RuntimeException | LinkageError e) {
                logFailure("stopped", e);
            }
        }
    }
}
