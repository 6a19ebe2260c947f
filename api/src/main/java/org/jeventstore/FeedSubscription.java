package org.jeventstore;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;

/**
 * Delivers the feed to a handler on a thread of its own: reads a page after its position, hands each commit
 * to the handler (retrying with back-off), advances, stores the position after each page when named, and
 * sleeps until a local commit wakes it or the poll interval passes. It never skips a checkpoint: it reads
 * the feed in order, and the engines guarantee that no commit arrives behind one already visible. The
 * handler is only ever called on this worker: {@link #redeliver} hands its commit to the worker too.
 */
final class FeedSubscription implements Subscription {

    private static final System.Logger LOG = System.getLogger(FeedSubscription.class.getName());
    private static final String PARKED = "/parked/";
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final PersistenceEngine engine;
    private final Function<CommitRecord, Optional<Commit>> decode;
    private final CommitHandler handler;
    private final SubscriptionOptions options;
    private final int pageSize;
    private final Duration closeGrace;
    private final Runnable onStop;
    private final Set<Long> parkedInMemory = new ConcurrentSkipListSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Queue<Redelivery> redeliveries = new ArrayDeque<>();
    private final Thread thread;
    private boolean signalled;
    private long savedPosition;
    private volatile long position;
    private volatile boolean closed;
    private volatile boolean running;
    private volatile Throwable failure;

    FeedSubscription(String name, long afterCheckpoint, PersistenceEngine engine,
                     Function<CommitRecord, Optional<Commit>> decode, CommitHandler handler,
                     SubscriptionOptions options, int pageSize, Duration closeGrace, Runnable onStop) {
        if (name != null) {
            Ids.requirePositionName(name);
            Ids.requirePositionName(parkedName(name, Long.MAX_VALUE));
        }
        this.name = name;
        this.engine = engine;
        this.decode = decode;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.pageSize = pageSize;
        this.closeGrace = closeGrace;
        this.onStop = onStop;
        this.position = name == null ? afterCheckpoint : engine.position(name).orElse(afterCheckpoint);
        this.savedPosition = position;
        this.thread = new Thread(this::run, "jeventstore-" + (name == null ? "subscription" : name));
        this.thread.setDaemon(true);
    }

    FeedSubscription start() {
        running = true;
        thread.start();
        return this;
    }

    /** Whether the calling thread is this subscription's worker, that is, a handler of this subscription. */
    boolean isDeliveringThread() {
        return Thread.currentThread() == thread;
    }

    /** Tells the subscription that a commit was written, so it reads at once instead of at the next poll. */
    void wake() {
        lock.lock();
        try {
            signalled = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (!closed) {
                serveRedeliveries();
                List<CommitRecord> page = readPage();
                if (page.isEmpty()) {
                    idle(options.pollInterval());
                    continue;
                }
                for (CommitRecord record : page) {
                    if (closed) {
                        break;
                    }
                    deliver(record);
                    advance(record.checkpoint());
                    serveRedeliveries();
                }
                retrying("store its position", this::save);
            }
        } catch (Stopped e) {
            failure = e.getCause();
            LOG.log(System.Logger.Level.ERROR, "Subscription " + describe() + " stopped at checkpoint " + position
                    + ": its handler kept failing", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.log(System.Logger.Level.ERROR, "Subscription " + describe() + " stopped at checkpoint " + position, e);
        } finally {
            refuseRedeliveries();
            try {
                save();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " could not store its position "
                        + position + "; it will resume from " + savedPosition, e);
            }
            signalProgress();
            onStop.run();
        }
    }

    /** The next page after the position; a backend that is unavailable is retried until it answers or we close. */
    private List<CommitRecord> readPage() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(position))) {
                return feed.limit(pageSize).toList();
            } catch (StorageUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " cannot read the feed; retrying", e);
                backOff(options.retry().backoff(attempt));
                if (closed) {
                    return List.of();
                }
            }
        }
    }

    private void deliver(CommitRecord record) throws InterruptedException {
        Exception last = null;
        for (int attempt = 1; attempt <= options.retry().maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(options.retry().backoff(attempt - 1));
            }
            try {
                Optional<Commit> commit = decode.apply(record);
                if (commit.isPresent()) {
                    handler.handle(commit.get());
                }
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + ": handler failed on checkpoint "
                        + record.checkpoint() + " (attempt " + attempt + " of " + options.retry().maxAttempts() + ")", e);
            }
        }
        if (options.onFailure() == FailurePolicy.STOP) {
            throw new Stopped(last);
        }
        if (!retrying("park checkpoint " + record.checkpoint(), () -> park(record.checkpoint()))) {
            throw new InterruptedException("closed while parking");
        }
        LOG.log(System.Logger.Level.ERROR, "Subscription " + describe() + " parked checkpoint " + record.checkpoint()
                + " after " + options.retry().maxAttempts() + " failed attempts", last);
    }

    /** Waits for a retry; closing cuts the wait short and gives up the commit in hand, undelivered. */
    private void pause(Duration wait) throws InterruptedException {
        backOff(wait);
        if (closed) {
            throw new InterruptedException("closed while retrying");
        }
    }

    /** Waits for a local commit, close, or the end of {@code wait}, whichever comes first. */
    private void idle(Duration wait) throws InterruptedException {
        await(wait, true);
    }

    /**
     * Waits out a retry back-off: only close ends it early. A local commit must not, or a busy store would
     * spend every retry of a failing handler within milliseconds.
     */
    private void backOff(Duration wait) throws InterruptedException {
        await(wait, false);
    }

    /** Waits as told, serving the redeliveries asked for meanwhile. */
    private void await(Duration wait, boolean wakeable) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Redelivery request;
            lock.lock();
            try {
                while (redeliveries.isEmpty() && !(wakeable && signalled) && !closed) {
                    long nanos = deadline - System.nanoTime();
                    if (nanos <= 0) {
                        return;
                    }
                    wakeUp.awaitNanos(nanos);
                }
                request = redeliveries.poll();
                if (request == null) {
                    if (wakeable) {
                        signalled = false;
                    }
                    return;
                }
            } finally {
                lock.unlock();
            }
            serve(request);
        }
    }

    private void serveRedeliveries() throws InterruptedException {
        while (true) {
            Redelivery request;
            lock.lock();
            try {
                request = redeliveries.poll();
            } finally {
                lock.unlock();
            }
            if (request == null) {
                return;
            }
            serve(request);
        }
    }

    /** Runs a redelivery and hands its outcome, the handler's exception included, to the caller waiting for it. */
    private void serve(Redelivery request) throws InterruptedException {
        if (request.outcome().isCancelled()) {
            return;
        }
        try {
            request.outcome().complete(redeliverHere(request.checkpoint()));
        } catch (InterruptedException e) {
            request.outcome().completeExceptionally(e);
            throw e;
        } catch (Exception e) {
            request.outcome().completeExceptionally(e);
        } catch (Error e) {
            request.outcome().completeExceptionally(e);
            throw e;
        }
    }

    /** The worker is ending: no more redeliveries are accepted, and those still waiting are refused. */
    private void refuseRedeliveries() {
        List<Redelivery> refused;
        lock.lock();
        try {
            running = false;
            refused = new ArrayList<>(redeliveries);
            redeliveries.clear();
        } finally {
            lock.unlock();
        }
        refused.forEach(request -> request.outcome().completeExceptionally(notRunning()));
    }

    private IllegalStateException notRunning() {
        return new IllegalStateException("Subscription " + describe() + " is " + (closed ? "closed" : "stopped")
                + ": subscribe again to redeliver its parked commits");
    }

    private void advance(long checkpoint) {
        lock.lock();
        try {
            position = checkpoint;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signalProgress() {
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a write until it succeeds: a backend that is unavailable is retried with the policy's back-off for
     * as long as it takes, so that an outage of any length only pauses the subscription.
     *
     * @return false if the subscription closed before the write succeeded
     */
    private boolean retrying(String what, Runnable write) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return true;
            } catch (StorageUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " cannot " + what + "; retrying", e);
                backOff(options.retry().backoff(attempt));
                if (closed) {
                    return false;
                }
            }
        }
    }

    private void save() {
        long current = position;
        if (name != null && current != savedPosition) {
            storePosition(current);
        }
    }

    /** The one place the position is written. */
    private void storePosition(long checkpoint) {
        engine.savePosition(new Position(name, checkpoint));
        savedPosition = checkpoint;
    }

    private void park(long checkpoint) {
        if (name == null) {
            parkedInMemory.add(checkpoint);
        } else {
            engine.savePosition(new Position(parkedName(name, checkpoint), checkpoint));
        }
    }

    private static String parkedName(String name, long checkpoint) {
        return name + PARKED + String.format("%019d", checkpoint);
    }

    @Override
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public boolean awaitPosition(long checkpoint, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (position < checkpoint && running && nanos > 0) {
                nanos = progress.awaitNanos(nanos);
            }
            return position >= checkpoint;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Long> parked() {
        if (name == null) {
            return List.copyOf(parkedInMemory);
        }
        try (Stream<Position> positions = engine.positions(name + PARKED)) {
            return positions.map(Position::checkpoint).toList();
        }
    }

    @Override
    public boolean redeliver(long checkpoint) throws Exception {
        if (isDeliveringThread()) {
            return redeliverHere(checkpoint);
        }
        Redelivery request = new Redelivery(checkpoint, new CompletableFuture<>());
        lock.lock();
        try {
            if (closed || !running) {
                throw notRunning();
            }
            redeliveries.add(request);
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            return request.outcome().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        } catch (InterruptedException e) {
            request.outcome().cancel(false);
            throw e;
        }
    }

    private boolean redeliverHere(long checkpoint) throws Exception {
        boolean isParked = name == null
                ? parkedInMemory.contains(checkpoint)
                : engine.position(parkedName(name, checkpoint)).isPresent();
        if (!isParked) {
            return false;
        }
        Optional<CommitRecord> record;
        try (Stream<CommitRecord> feed = engine.readFeed(new FeedRange(null, checkpoint - 1, checkpoint))) {
            record = feed.findFirst();
        }
        if (record.isPresent()) {
            Optional<Commit> commit = decode.apply(record.get());
            if (commit.isPresent()) {
                handler.handle(commit.get());
            }
        }
        unpark(checkpoint);
        return record.isPresent();
    }

    private void unpark(long checkpoint) {
        if (name == null) {
            parkedInMemory.remove(checkpoint);
        } else {
            engine.deletePosition(parkedName(name, checkpoint));
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            return;
        }
        try {
            thread.join(closeGrace.toMillis());
            if (thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " did not stop within "
                        + closeGrace + "; interrupting its handler");
                thread.interrupt();
                thread.join(closeGrace.dividedBy(2).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String describe() {
        return name == null ? "(unnamed)" : "'" + name + "'";
    }

    @Override
    public String toString() {
        return "Subscription[" + describe() + ", position=" + position + ", running=" + running + "]";
    }

    /** A parked commit to deliver again, and the caller's wait for the outcome. */
    private record Redelivery(long checkpoint, CompletableFuture<Boolean> outcome) {
    }

    /** The handler kept failing and the policy says stop. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(Exception cause) {
            super(cause);
        }
    }
}
