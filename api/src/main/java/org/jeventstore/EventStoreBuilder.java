package org.jeventstore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jeventstore.internal.AsyncRunner;
import org.jeventstore.internal.CommitCodec;
import org.jeventstore.internal.DispatchConfig;
import org.jeventstore.internal.GuardedObserver;
import org.jeventstore.internal.OptimisticEventStore;
import org.jeventstore.internal.TypeRegistry;
import org.jeventstore.internal.Upconverters;
import org.jeventstore.observation.StoreObserver;
import org.jeventstore.spi.CheckedEngine;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.SubscriptionOptions;

/**
 * Builds an {@link EventStore}. Only the engine is required:
 *
 * <pre>{@code
 * EventStore store = EventStore.builder()
 *     .engine("memory:")
 *     .types(ItemAdded.class, ItemRemoved.class)
 *     .upconvert(ItemAddedV1.class, v1 -> new ItemAdded(v1.sku(), 1))
 *     .hook(new AuditHook())
 *     .build();
 * }</pre>
 *
 * Not thread-safe; a built store is.
 */
public final class EventStoreBuilder {

    private String uri;
    private PersistenceEngine engine;
    private EngineOptions engineOptions = EngineOptions.defaults();
    private EventSerializer serializer = EventSerializer.json();
    private final TypeRegistry types = new TypeRegistry();
    private final Map<Class<?>, Function<Object, Object>> upconverters = new LinkedHashMap<>();
    private final List<PipelineHook> hooks = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Executor executor;
    private DispatchConfig dispatch;
    private Duration closeGrace = Duration.ofSeconds(10);
    private StoreObserver observer;

    EventStoreBuilder() {
    }

    /** The engine, chosen by URI among the engines on the class path (see {@link EventStores}). */
    public EventStoreBuilder engine(String uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.engine = null;
        return this;
    }

    /** An engine opened by the caller; the store closes it when the store is closed. */
    public EventStoreBuilder engine(PersistenceEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.uri = null;
        return this;
    }

    /** How many commits each round trip of a read fetches, for an engine opened by URI. */
    public EventStoreBuilder pageSize(int pageSize) {
        this.engineOptions = engineOptions.withPageSize(pageSize);
        return this;
    }

    /** The serializer of event bodies and snapshots; JSON through Jackson unless set. */
    public EventStoreBuilder serializer(EventSerializer serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        return this;
    }

    /** Stores {@code type} under {@code name}, and reads {@code name} back as {@code type}. */
    public EventStoreBuilder type(String name, Class<?> type) {
        types.register(name, type);
        return this;
    }

    /** Registers classes annotated with {@link EventType} under their annotated names. */
    public EventStoreBuilder types(Class<?>... annotated) {
        for (Class<?> type : annotated) {
            types.register(type);
        }
        return this;
    }

    /**
     * Converts events of an old type to a newer one as they are read. Converters chain: with v1 → v2 and
     * v2 → v3 registered, a stored v1 is read as v3.
     */
    @SuppressWarnings("unchecked")
    public <S> EventStoreBuilder upconvert(Class<S> from, Function<? super S, ?> converter) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(converter, "converter");
        if (upconverters.putIfAbsent(from, (Function<Object, Object>) converter) != null) {
            throw new IllegalArgumentException("An upconverter from " + from.getName() + " is already registered");
        }
        return this;
    }

    /** Adds a pipeline hook; hooks run in the order added. */
    public EventStoreBuilder hook(PipelineHook hook) {
        hooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** The clock that stamps commits; the system UTC clock unless set. */
    public EventStoreBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Dispatches every commit, at least once and in checkpoint order, to {@code handler} on a background
     * worker, under the position name {@code "dispatcher"}. See {@link #dispatchTo(String, CommitHandler,
     * DispatchMode, SubscriptionOptions)}.
     */
    public EventStoreBuilder dispatchTo(CommitHandler handler) {
        return dispatchTo(handler, DispatchMode.ASYNCHRONOUS);
    }

    /** {@link #dispatchTo(CommitHandler)} in the given mode. */
    public EventStoreBuilder dispatchTo(CommitHandler handler, DispatchMode mode) {
        return dispatchTo("dispatcher", handler, mode, SubscriptionOptions.defaults());
    }

    /**
     * Dispatches every commit to {@code handler}, at least once, in checkpoint order, even across crashes: the
     * dispatcher records how far it got under the position {@code name} in the engine, and when the store is
     * built again it redelivers everything after that position — including commits written while no
     * dispatcher ran. The first time, it starts from the beginning of the feed, or after
     * {@link SubscriptionOptions#startAfter()} (to take over from another dispatcher's progress).
     *
     * @param name    the durable position's name; two stores dispatching under one name share the work badly
     *                (each delivers everything): give each dispatcher its own name
     * @param handler the dispatcher, for example {@code commit -> bus.publish(commit)}; must be idempotent
     * @param mode    whether {@code commitChanges} waits for the dispatch
     * @param options retries, failure policy, poll interval, synchronous timeout and where to start the first time
     */
    public EventStoreBuilder dispatchTo(String name, CommitHandler handler, DispatchMode mode,
                                        SubscriptionOptions options) {
        this.dispatch = new DispatchConfig(Objects.requireNonNull(name, "name"), Objects.requireNonNull(handler,
                "handler"), Objects.requireNonNull(mode, "mode"), Objects.requireNonNull(options, "options"));
        return this;
    }

    /**
     * The executor of the {@code …Async} methods; by default a pool of daemon threads that the store shuts
     * down when it closes. An executor given here is not shut down by the store.
     */
    public EventStoreBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * How long closing the store waits for each subscription's handler to finish the commit in hand before
     * interrupting it (10 s unless set); subscriptions are closed side by side, so closing takes at most about
     * twice this in all.
     */
    public EventStoreBuilder closeGrace(Duration closeGrace) {
        this.closeGrace = Objects.requireNonNull(closeGrace, "closeGrace");
        return this;
    }

    /**
     * Watches the store's operations and subscriptions, for metrics, tracing or logging: for example
     * {@code JEventStoreObservation.observer(observationRegistry, meterRegistry)} of the
     * {@code jeventstore-micrometer} module. One observer per store; a second call replaces the first. Without
     * one the store does no observing work at all.
     */
    public EventStoreBuilder observer(StoreObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /**
     * Opens the engine (if given by URI) and builds the store.
     *
     * @throws IllegalStateException   if no engine was given
     * @throws EngineNotFoundException if no engine supports the URI
     */
    public EventStore build() {
        PersistenceEngine chosen = engine == null ? null : CheckedEngine.of(engine);
        if (chosen == null) {
            if (uri == null) {
                throw new IllegalStateException("No engine: call engine(\"memory:\") or another store URI");
            }
            chosen = EventStores.openEngine(uri, engineOptions);
        }
        CommitCodec codec = new CommitCodec(serializer, types, new Upconverters(upconverters));
        AsyncRunner async = executor == null ? AsyncRunner.ownPool() : AsyncRunner.on(executor);
        try {
            return new OptimisticEventStore(chosen, codec, hooks, clock, engineOptions.pageSize(), async, dispatch,
                    closeGrace, observer == null ? null : new GuardedObserver(observer,
                    uri == null ? GuardedObserver.engineName(engine) : GuardedObserver.engineName(StoreUri.parse(uri))));
        } catch (RuntimeException e) {
            async.close();
            if (engine == null) {
                chosen.close();
            }
            throw e;
        }
    }
}
