package org.jeventstore.internal;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.observation.Operation;
import org.jeventstore.observation.SubscriptionObserver;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;

/**
 * Delivers the feed to a handler on a thread of its own: reads a page after its position, hands each commit
 * to the handler (retrying with back-off), advances, stores the position when named — after each page, and
 * after a commit once {@link #SAVE_EVERY} has passed since the last save, so that a slow handler in a
 * process that keeps crashing still moves forward — and sleeps until a local commit wakes it or the poll
 * interval passes. It never skips a checkpoint: it reads
 * the feed in order, and the engines guarantee that no commit arrives behind one already visible. The
 * handler is only ever called on this worker: {@link #redeliver} hands its commit to the worker too.
 *
 * <p>Closing asks the worker to stop after the commit in hand and waits for it; a handler still busy after
 * the grace period is interrupted, and one still busy after half as long again is left behind, detached:
 * the closing thread stores the position, and the worker can no longer reach the engine (every engine call
 * of the worker holds {@link #engineUse}, which detaching takes), so it never calls an engine closed after
 * {@code close} returns.
 */
final class FeedSubscription implements Subscription {

    private static final System.Logger LOG = System.getLogger(FeedSubscription.class.getName());
    private static final String PARKED = "/parked/";
    /** The longest subscription name: its parked entries add {@link #PARKED} and 19 digits. */
    static final int MAX_NAME_LENGTH = Ids.MAX_LENGTH - PARKED.length() - 19;
    /** The longest a named subscription handles commits without storing its position (a slow commit aside). */
    static final Duration SAVE_EVERY = Duration.ofSeconds(1);
    static final Duration MIN_STORAGE_BACKOFF = Duration.ofMillis(20);

    private final String name;
    private final PersistenceEngine engine;
    private final Function<CommitRecord, Optional<Commit>> decode;
    private final CommitHandler handler;
    private final SubscriptionOptions options;
    private final int pageSize;
    private final Duration closeGrace;
    private final Runnable onStop;
    /** The store's observer, or null when none is registered. */
    private final GuardedObserver storeObserver;
    /** This subscription's observer: set by {@link #start()}, before the worker starts. */
    private volatile SubscriptionObserver observer = SubscriptionObserver.none();
    private final Set<Long> parkedInMemory = new ConcurrentSkipListSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Queue<Redelivery> redeliveries = new ArrayDeque<>();
    private final ReentrantLock engineUse = new ReentrantLock();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread thread;
    /** The lease of a named subscription on its position; null for an unnamed one. */
    private final SubscriptionLease lease;
    private volatile boolean active;
    /** Where a named subscription starts when no position is stored (or it was removed). */
    private final long initial;
    /** Set while another process holds the lease, as last seen; not while the lease is merely unreachable. */
    private volatile boolean anotherHolds;
    private volatile boolean signalled;
    private long savedPosition;
    private volatile long savedAt = System.nanoTime();
    private boolean finishing;
    private volatile boolean detached;
    private volatile long position;
    private volatile boolean closed;
    private volatile boolean running;
    private volatile Throwable failure;

    FeedSubscription(String name, long afterCheckpoint, PersistenceEngine engine,
                     Function<CommitRecord, Optional<Commit>> decode, CommitHandler handler,
                     SubscriptionOptions options, int pageSize, Duration closeGrace, GuardedObserver storeObserver,
                     Runnable onStop) {
        if (name != null) {
            requireName(name);
        }
        this.name = name;
        this.engine = engine;
        this.decode = decode;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.pageSize = pageSize;
        this.closeGrace = closeGrace;
        this.onStop = onStop;
        this.storeObserver = storeObserver;
        this.position = name == null ? afterCheckpoint
                : engine.positions().get(name).map(Position::checkpoint).orElse(afterCheckpoint);
        this.savedPosition = position;
        this.initial = afterCheckpoint;
        this.lease = name == null ? null : new SubscriptionLease(engine, name, options.leaseTimeout(), System::nanoTime);
        this.active = name == null;
        this.thread = new Thread(this::run, "jeventstore-" + (name == null ? "subscription" : name));
        this.thread.setDaemon(true);
    }

    /**
     * Starts the worker; a named subscription first tries to take its lease, so that it is {@link #isActive()
     * active} at once when no other process holds it (an unavailable backend leaves that to the worker).
     */
    FeedSubscription start() {
        if (storeObserver != null) {
            observer = storeObserver.subscribed(this);
        }
        running = true;
        try {
            if (lease != null) {
                try {
                    tookLease(lease.tryAcquire(initial));
                } catch (StorageUnavailableException e) {
                    LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " cannot take its lease yet; "
                            + "retrying", e);
                }
            }
            thread.start();
        } catch (RuntimeException | Error e) {
            // Never started: stopped as one that ran, so that its name and its observer's meters are let go.
            end();
            throw e;
        }
        return this;
    }

    /** Whether the calling thread is this subscription's worker, that is, a handler of this subscription. */
    boolean isDeliveringThread() {
        return Thread.currentThread() == thread;
    }

    /** Tells the subscription that a commit was written, so it reads at once instead of at the next poll. */
    void wake() {
        if (signalled) {
            // A wake-up is pending: the subscription clears it before it reads, so that read sees this commit too.
            return;
        }
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
                if (!mayDeliver()) {
                    // Not woken by local commits: a waiting process looks at the lease at its own pace.
                    backOff(lease.checkInterval());
                    continue;
                }
                List<CommitRecord> page = readPage();
                if (page.isEmpty()) {
                    idle(lease == null ? options.pollInterval() : shorter(options.pollInterval(), lease.checkInterval()));
                    continue;
                }
                for (CommitRecord record : page) {
                    if (closed || !mayDeliver()) {
                        break;
                    }
                    try {
                        deliver(record);
                    } catch (LostLease lost) {
                        break;
                    }
                    advance(record.checkpoint());
                    serveRedeliveries();
                    if (name != null && System.nanoTime() - savedAt >= SAVE_EVERY.toNanos() && !saveRetrying()) {
                        break;
                    }
                }
                if (!closed && active) {
                    saveRetrying();
                }
            }
        } catch (Stopped e) {
            failure = e.getCause();
            LOG.log(System.Logger.Level.ERROR, "Subscription " + describe() + " stopped at checkpoint " + position
                    + ": its handler kept failing", e.getCause());
        } catch (Closing e) {
            // closed while retrying or parking: the commit in hand is delivered again on the next start
        } catch (InterruptedException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " was interrupted and stopped at"
                        + " checkpoint " + position);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.log(System.Logger.Level.ERROR, "Subscription " + describe() + " stopped at checkpoint " + position, e);
        } finally {
            finish();
        }
    }

    /** The worker's last step: store the position, unless the closing thread detached the worker and did. */
    private void finish() {
        engineUse.lock();
        try {
            if (!detached) {
                finishing = true;
                // The interrupt that stopped a stuck handler must not fail the final save: drivers abort I/O
                // on an interrupted thread. Closing never interrupts once finishing is set.
                Thread.interrupted();
                saveFinally(true);
            }
        } finally {
            engineUse.unlock();
        }
        end();
    }

    /**
     * Whether the worker may deliver: always when unnamed; when named, while it holds the lease, renewing it
     * when due, or once it took a free or stale one (then it resumes from the stored position).
     */
    private boolean mayDeliver() throws InterruptedException {
        if (lease == null || lease.isHeld() && !lease.renewalDue()) {
            return true;
        }
        if (active) {
            return saveRetrying();
        }
        Optional<Long> from = retryingCall("take its lease", () -> useEngine(() -> lease.tryAcquire(initial)));
        return from != null && tookLease(from);
    }

    /** Resumes from the stored position if the lease was taken; false if another process holds it. */
    private boolean tookLease(Optional<Long> from) {
        boolean takingOver = anotherHolds;
        anotherHolds = from.isEmpty();
        if (from.isEmpty()) {
            return false;
        }
        lock.lock();
        try {
            position = from.get();
            savedPosition = position;
            savedAt = System.nanoTime();
            active = true;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.log(takingOver ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, "Subscription " + describe()
                + (takingOver ? " took over the lease from another process" : " holds its lease")
                + " and delivers after checkpoint " + position);
        return true;
    }

    /**
     * The wait before retrying an unavailable backend: the retry policy's, but never under
     * {@link #MIN_STORAGE_BACKOFF}, so that a policy without back-off does not turn an outage into a busy loop.
     */
    private Duration storageBackoff(int attempt) {
        Duration wait = options.retry().backoff(attempt);
        return wait.compareTo(MIN_STORAGE_BACKOFF) < 0 ? MIN_STORAGE_BACKOFF : wait;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The next page after the position; a backend that is unavailable is retried until it answers or we close. */
    private List<CommitRecord> readPage() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return storeObserver == null ? useEngine(this::page)
                        : storeObserver.observe(Operation.READ_FEED_PAGE, () -> useEngine(this::page));
            } catch (StorageUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " cannot read the feed; retrying", e);
                backOff(storageBackoff(attempt));
                if (closed) {
                    return List.of();
                }
            }
        }
    }

    private List<CommitRecord> page() {
        try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(position))) {
            return feed.limit(pageSize).toList();
        }
    }

    private void deliver(CommitRecord record) throws InterruptedException {
        Exception last = null;
        for (int attempt = 1; attempt <= options.retry().maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(options.retry().backoff(attempt - 1));
                requireLease();
                observer.retrying(record.checkpoint(), attempt);
            }
            try {
                Optional<Commit> commit = decode.apply(record);
                if (commit.isPresent()) {
                    handler.handle(commit.get());
                    observer.delivered(record.checkpoint());
                }
                return;
            } catch (InterruptedException | Closing e) {
                throw e;
            } catch (Exception e) {
                last = e;
                observer.handlerFailed(record.checkpoint(), attempt, e);
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + ": handler failed on checkpoint "
                        + record.checkpoint() + " (attempt " + attempt + " of " + options.retry().maxAttempts() + ")", e);
            }
        }
        if (options.onFailure() == FailurePolicy.STOP) {
            throw new Stopped(last);
        }
        requireLease();
        if (!retrying("park checkpoint " + record.checkpoint(), () -> useEngine(() -> {
            park(record.checkpoint());
            return null;
        }))) {
            throw new Closing();
        }
        observer.parked(record.checkpoint());
        LOG.log(System.Logger.Level.ERROR, "Subscription " + describe() + " parked checkpoint " + record.checkpoint()
                + " after " + options.retry().maxAttempts() + " failed attempts", last);
    }

    /**
     * Keeps the commit in hand from being retried or parked by a process that lost its lease meanwhile (a
     * waiting process has taken over and delivers it): the worker goes back to waiting instead.
     */
    private void requireLease() throws InterruptedException {
        if (!mayDeliver()) {
            throw new LostLease();
        }
    }

    /** Waits for a retry; closing cuts the wait short and gives up the commit in hand, undelivered. */
    private void pause(Duration wait) throws InterruptedException {
        backOff(wait);
        if (closed) {
            throw new Closing();
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
        // Wraps around for the longest waits; the differences below stay right.
        long deadline = System.nanoTime() + nanos(wait);
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
        } catch (InterruptedException | Closing e) {
            request.outcome().completeExceptionally(notRunning());
            throw e;
        } catch (Exception e) {
            request.outcome().completeExceptionally(e);
        } catch (Error e) {
            request.outcome().completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Runs an engine call of the worker, unless closing detached it. Holding {@link #engineUse} keeps the
     * closing thread from detaching the worker, or interrupting it, in the middle of the call.
     */
    private <T> T useEngine(Supplier<T> call) {
        engineUse.lock();
        try {
            if (detached || closed && Thread.currentThread().isInterrupted()) {
                throw new Closing();
            }
            return call.get();
        } finally {
            engineUse.unlock();
        }
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

    /**
     * Runs a write until it succeeds: a backend that is unavailable is retried with the policy's back-off for
     * as long as it takes, so that an outage of any length only pauses the subscription.
     *
     * @return false if the subscription closed before the write succeeded
     */
    private boolean retrying(String what, Runnable write) throws InterruptedException {
        return retryingCall(what, () -> {
            write.run();
            return Boolean.TRUE;
        }) != null;
    }

    /** {@link #retrying} for a call with a result; null if the subscription closed first. */
    private <T> T retryingCall(String what, Supplier<T> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StorageUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " cannot " + what + "; retrying", e);
                backOff(storageBackoff(attempt));
                if (closed) {
                    return null;
                }
            }
        }
    }

    /** Stores the position, retrying an unavailable backend; false if the lease was lost, or closed first. */
    private boolean saveRetrying() throws InterruptedException {
        return Boolean.TRUE.equals(retryingCall("store its position", () -> useEngine(this::save)));
    }

    /**
     * Stores the position if it moved, or to renew the lease; called holding {@link #engineUse}.
     *
     * @return false if another process took the lease: this one stops delivering until it gets it back
     */
    private boolean save() {
        long current = position;
        if (name == null || current == savedPosition && (lease == null || !lease.renewalDue())) {
            return true;
        }
        return storePosition(current);
    }

    /**
     * The last save, on the way out: tried once, a failure only logged (the position stored before stands, and
     * the lease expires). A worker that ended releases the lease, so that a waiting process takes over at once;
     * a detached one keeps it until it expires.
     */
    private void saveFinally(boolean release) {
        if (lease == null) {
            return;
        }
        try {
            if (release) {
                active = false;
                lease.release(position);
            } else if (active) {
                lease.save(position);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " could not store its position "
                    + position + "; it will resume from " + savedPosition, e);
        }
    }

    /** The one place the position is written: under the lease, so a process that lost it cannot move it. */
    private boolean storePosition(long checkpoint) {
        if (!lease.save(checkpoint)) {
            active = false;
            anotherHolds = true;
            LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " lost its lease to another process"
                    + " at checkpoint " + checkpoint + " (last stored " + savedPosition + "); it waits to take over");
            return false;
        }
        savedPosition = checkpoint;
        savedAt = System.nanoTime();
        observer.positionStored(checkpoint);
        return true;
    }

    private void park(long checkpoint) {
        if (name == null) {
            parkedInMemory.add(checkpoint);
        } else {
            engine.positions().put(new Position(parkedName(name, checkpoint), checkpoint));
        }
    }

    /**
     * A subscription name is a position name short enough that the names of its parked commits,
     * {@code <name>/parked/<checkpoint in 19 digits>}, are position names too.
     */
    static String requireName(String name) {
        Ids.requirePositionName(name);
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("subscription name is longer than " + MAX_NAME_LENGTH + " characters ("
                    + name.length() + "): its parked commits are stored under '<name>" + PARKED
                    + "<checkpoint>', a position name of at most " + Ids.MAX_LENGTH);
        }
        return name;
    }

    /**
     * A wait in nanoseconds: one too long for a {@code long} (such as {@code ChronoUnit.FOREVER}) as the
     * longest there is, about 292 years; a negative one as none.
     */
    static long nanos(Duration wait) {
        if (wait.isNegative()) {
            return 0;
        }
        try {
            return wait.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
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
    public boolean isActive() {
        return running && active;
    }

    /** Whether another process holds this subscription's lease (as last seen), so that this one waits. */
    boolean anotherProcessHoldsTheLease() {
        return running && !active && anotherHolds;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public boolean awaitPosition(long checkpoint, Duration timeout) throws InterruptedException {
        long nanos = nanos(Objects.requireNonNull(timeout, "timeout"));
        lock.lock();
        try {
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
        try (Stream<Position> positions = engine.positions().list(name + PARKED)) {
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
        if (lease != null && !mayDeliver()) {
            throw new IllegalStateException("Subscription " + describe() + " does not hold its lease: another process "
                    + "delivers it; redeliver checkpoint " + checkpoint + " there");
        }
        boolean isParked = name == null
                ? parkedInMemory.contains(checkpoint)
                : useEngine(() -> engine.positions().get(parkedName(name, checkpoint)).isPresent());
        if (!isParked) {
            return false;
        }
        Optional<CommitRecord> record = useEngine(() -> {
            try (Stream<CommitRecord> feed = engine.readFeed(new FeedRange(null, checkpoint - 1, checkpoint))) {
                return feed.findFirst();
            }
        });
        if (record.isPresent()) {
            Optional<Commit> commit = decode.apply(record.get());
            if (commit.isPresent()) {
                handler.handle(commit.get());
                observer.delivered(checkpoint);
            }
        }
        unpark(checkpoint);
        return record.isPresent();
    }

    private void unpark(long checkpoint) {
        if (name == null) {
            parkedInMemory.remove(checkpoint);
        } else {
            useEngine(() -> {
                engine.positions().delete(parkedName(name, checkpoint));
                return null;
            });
        }
    }

    private IllegalStateException notRunning() {
        return new IllegalStateException("Subscription " + describe() + " is " + (closed ? "closed" : "stopped")
                + ": subscribe again to redeliver its parked commits");
    }

    /**
     * Stops delivering after the commit in hand and stores the position, waiting at most twice the close
     * grace period (see {@link #closeAll}). From the subscription's own handler it returns at once: the
     * worker stops when the handler returns.
     */
    @Override
    public void close() {
        beginClose();
        if (!isDeliveringThread()) {
            closeAll(List.of(this), closeGrace);
        }
    }

    /**
     * Closes subscriptions side by side, so that closing many takes no longer than closing one: each worker
     * is asked to stop after the commit in hand; those still busy after {@code grace} have their handler
     * interrupted; those still busy half a grace later are detached (see the class comment), waiting up to
     * half a grace more for an engine call in progress. At most twice {@code grace} in all, final saves
     * aside.
     */
    static void closeAll(List<FeedSubscription> subscriptions, Duration grace) {
        subscriptions.forEach(FeedSubscription::beginClose);
        long half = nanos(grace.dividedBy(2));
        long graceEnds = System.nanoTime() + nanos(grace);
        List<FeedSubscription> late = subscriptions.stream().filter(s -> !s.awaitEnd(graceEnds)).toList();
        late.forEach(FeedSubscription::interruptHandler);
        late.stream().filter(s -> !s.awaitEnd(graceEnds + half)).forEach(s -> s.detach(graceEnds + 2 * half));
    }

    /** Asks the worker to stop after the commit in hand, or at once if it is waiting; does not wait. */
    private void beginClose() {
        lock.lock();
        try {
            closed = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the worker ended by {@code deadline} ({@link System#nanoTime()}); never waits on the worker itself. */
    private boolean awaitEnd(long deadline) {
        if (isDeliveringThread()) {
            return ended.getCount() == 0;
        }
        try {
            return ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended.getCount() == 0;
        }
    }

    /** Interrupts a handler that did not return in time; never an engine call of the worker, nor its last save. */
    private void interruptHandler() {
        if (isDeliveringThread() || !engineUse.tryLock()) {
            return;
        }
        try {
            if (!finishing && !detached && ended.getCount() > 0) {
                LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " did not stop within "
                        + closeGrace + "; interrupting its handler");
                thread.interrupt();
            }
        } finally {
            engineUse.unlock();
        }
    }

    /**
     * Gives up waiting for the worker: stores the position from this thread and cuts the worker off from the
     * engine. A worker in the middle of an engine call is waited for until {@code deadline}, so that the call
     * does not meet an engine closed under it.
     */
    private void detach(long deadline) {
        boolean locked;
        try {
            locked = engineUse.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = engineUse.tryLock();
        }
        try {
            if (finishing || detached) {
                return;
            }
            detached = true;
            if (locked) {
                // The stuck handler may still be inside the commit in hand: keep the lease, so that no other
                // process delivers it beside the handler before the lease expires.
                saveFinally(false);
            }
            LOG.log(System.Logger.Level.WARNING, "Subscription " + describe() + " did not stop in time; its handler"
                    + " is left running, cut off from the engine" + (locked ? "" : ", and its position could not be"
                    + " stored during the engine call in progress") + "; it resumes from checkpoint " + savedPosition);
        } finally {
            if (locked) {
                engineUse.unlock();
            }
        }
        end();
    }

    /** The subscription stopped (the worker ended, or was detached): once. */
    private void end() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        List<Redelivery> refused;
        lock.lock();
        try {
            running = false;
            refused = new ArrayList<>(redeliveries);
            redeliveries.clear();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        refused.forEach(request -> request.outcome().completeExceptionally(notRunning()));
        // The observer hears nothing after stopped(): a detached worker, still in its handler, finds the no-op.
        SubscriptionObserver told = observer;
        observer = SubscriptionObserver.none();
        try {
            try {
                told.stopped();
            } finally {
                onStop.run();
            }
        } finally {
            ended.countDown();
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

    /** Unwinds a delivery whose lease was lost: the process that took it over delivers the commit in hand. */
    private static final class LostLease extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostLease() {
            super(null, null, false, false);
        }
    }

    /** Unwinds the worker when it is closed in the middle of a step: the commit in hand stays undelivered. */
    private static final class Closing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Closing() {
            super(null, null, false, false);
        }
    }
}
