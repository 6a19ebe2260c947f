package org.jeventstore.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jeventstore.Advanced;
import org.jeventstore.Commit;
import org.jeventstore.CommitVetoedException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.PipelineHook;
import org.jeventstore.Snapshot;
import org.jeventstore.StreamHead;
import org.jeventstore.StreamNotFoundException;
import org.jeventstore.observation.Operation;
import org.jeventstore.records.CheckedIds;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.EventRouter;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;

/** The store: validation, serialization, hooks, dispatch and subscriptions around an engine. */
public final class OptimisticEventStore implements EventStore, Advanced {

    private static final System.Logger LOG = System.getLogger(OptimisticEventStore.class.getName());
    private static final CheckedIds CHECKED_IDS = CheckedIds.get();

    private final PersistenceEngine engine;
    private final CommitCodec codec;
    private final List<PipelineHook> hooks;
    private final Clock clock;
    private final int pageSize;
    private final AsyncRunner async;
    private final Set<FeedSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Set<String> subscriptionNames = ConcurrentHashMap.newKeySet();
    private final FeedSubscription dispatcher;
    private final DispatchConfig dispatch;
    private final Duration closeGrace;
    /** Held while a subscription starts and when closing begins, so that closing stops every subscription. */
    private final Object lifecycle = new Object();
    private final CountDownLatch closedFully = new CountDownLatch(1);
    /** The highest checkpoint whose synchronous dispatch timed out: commits do not wait while the dispatcher is below it. */
    private final AtomicLong dispatchLag = new AtomicLong();
    private volatile boolean closed;
    /** The stamp of a recent commit (see {@link #stamp()}). */
    private Instant lastStamp = Instant.EPOCH;
    /** Null when no observer is registered: then nothing is observed, at no cost. */
    final GuardedObserver observer;

    public OptimisticEventStore(PersistenceEngine engine, CommitCodec codec, List<PipelineHook> hooks, Clock clock,
                         int pageSize, AsyncRunner async, DispatchConfig dispatch, Duration closeGrace,
                         GuardedObserver observer) {
        this.engine = engine;
        this.codec = codec;
        this.hooks = List.copyOf(hooks);
        this.clock = clock;
        this.pageSize = pageSize;
        this.async = async;
        this.dispatch = dispatch;
        this.closeGrace = closeGrace;
        this.observer = observer;
        if (observer != null) {
            observer.opened(this);
        }
        try {
            this.dispatcher = dispatch == null ? null
                    : startSubscription(dispatch.name(), dispatch.options().startAfter(), dispatch.handler(),
                            dispatch.options());
        } catch (RuntimeException | Error e) {
            // The build fails after the observer was told of the store: let it go of the store too.
            if (observer != null) {
                observer.closed();
            }
            throw e;
        }
    }

    @Override
    public EventStream createStream(String bucketId, String streamId) {
        ensureOpen();
        return new OptimisticEventStream(this, Ids.requireBucketId(bucketId), Ids.requireStreamId(streamId));
    }

    @Override
    public EventStream openStream(String bucketId, String streamId, long minRevision, long maxRevision) {
        return observer == null ? load(bucketId, streamId, minRevision, maxRevision)
                : observer.observe(Operation.OPEN_STREAM, () -> load(bucketId, streamId, minRevision, maxRevision));
    }

    private EventStream load(String bucketId, String streamId, long minRevision, long maxRevision) {
        StreamRange range = new StreamRange(bucketId, streamId, minRevision, maxRevision);
        OptimisticEventStream stream = new OptimisticEventStream(this, bucketId, streamId);
        stream.load(range, minRevision);
        if (minRevision > 0 && stream.commitSequence() == 0) {
            throw new StreamNotFoundException("Stream " + bucketId + "/" + streamId + " has no events from revision "
                    + minRevision);
        }
        return stream;
    }

    @Override
    public EventStream openStream(Snapshot snapshot, long maxRevision) {
        Objects.requireNonNull(snapshot, "snapshot");
        return observer == null ? load(snapshot, maxRevision)
                : observer.observe(Operation.OPEN_STREAM, () -> load(snapshot, maxRevision));
    }

    private EventStream load(Snapshot snapshot, long maxRevision) {
        // The commit holding the snapshot's revision is read too: the stream needs its commit sequence.
        StreamRange range = new StreamRange(snapshot.bucketId(), snapshot.streamId(), snapshot.streamRevision(),
                maxRevision);
        OptimisticEventStream stream = new OptimisticEventStream(this, snapshot.bucketId(), snapshot.streamId());
        stream.startAt(snapshot.streamRevision());
        stream.load(range, snapshot.streamRevision() + 1);
        return stream;
    }

    @Override
    public Advanced advanced() {
        return this;
    }

    /**
     * Runs the pre-commit hooks and writes the commit. The stream records the returned commit, then calls
     * {@link #afterCommit}: nothing that runs after the write may keep the stream from knowing it is stored.
     */
    Commit commit(String bucketId, String streamId, long streamRevision, long commitSequence, UUID commitId,
                  Map<String, Object> headers, List<EventMessage> events) {
        ensureOpen();
        Instant stamp = stamp();
        // Copied and checked before anything is written, as the Commit below would; its own copies then keep them.
        Map<String, Object> copiedHeaders = Headers.copyOf(headers);
        List<EventMessage> copiedEvents = events.size() == 1 ? List.of(events.get(0)) : List.copyOf(events);
        if (!hooks.isEmpty()) {
            Commit attempt = new Commit(bucketId, streamId, streamRevision, commitId, commitSequence, stamp,
                    copiedHeaders, copiedEvents, 0);
            for (int i = 0; i < hooks.size(); i++) {
                PipelineHook hook = hooks.get(i);
                if (!hook.preCommit(attempt)) {
                    throw new CommitVetoedException("Commit " + commitId + " to " + bucketId + "/" + streamId
                            + " was vetoed by " + hook.getClass().getName());
                }
            }
        }
        // The stream's ids were checked when it was made (see CheckedIds): the engine is not asked to check them again.
        CommitRecord stored = CHECKED_IDS.commit(engine, codec.toAttempt(bucketId, streamId, streamRevision, commitId,
                commitSequence, stamp, copiedHeaders, copiedEvents));
        return new Commit(bucketId, streamId, streamRevision, commitId, commitSequence, stored.commitStamp(),
                copiedHeaders, copiedEvents, stored.checkpoint());
    }

    /**
     * Now, to the millisecond the engines keep, so that one Instant serves the attempt and the commit. Commits in
     * one millisecond share one Instant, which is immutable, so the field is read and written without a lock.
     */
    private Instant stamp() {
        long millis = clock.millis();
        Instant last = lastStamp;
        if (last.toEpochMilli() == millis) {
            return last;
        }
        Instant stamp = Instant.ofEpochMilli(millis);
        lastStamp = stamp;
        return stamp;
    }

    /**
     * Runs the post-commit hooks, wakes the subscriptions and, for a synchronous dispatcher, waits for the
     * dispatch. The commit is stored: a failing hook is logged and the others still run, because an exception
     * here would tell the caller the commit failed, and a caller that retried would store its events twice.
     */
    void afterCommit(Commit committed) {
        for (int i = 0; i < hooks.size(); i++) {
            PipelineHook hook = hooks.get(i);
            try {
                hook.postCommit(committed);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Post-commit hook " + hook.getClass().getName() + " failed on commit "
                        + committed.commitId() + " (checkpoint " + committed.checkpoint() + "), which is stored", e);
            }
        }
        subscriptions.forEach(FeedSubscription::wake);
        // A dispatch handler that commits must not wait for itself.
        if (dispatcher != null && dispatch.mode() == DispatchMode.SYNCHRONOUS && !dispatcher.isDeliveringThread()) {
            awaitDispatch(committed);
        }
    }

    /**
     * A dispatch failure or delay never undoes the commit: it is logged, and the commit delivered later. Once
     * a wait timed out, commits do not wait until the dispatcher has caught up with that commit, or a stuck
     * dispatcher would cost every commit the whole timeout; a stopped dispatcher is not waited for at all.
     */
    private void awaitDispatch(Commit committed) {
        if (dispatcher.anotherProcessHoldsTheLease()) {
            // Another process holds the dispatcher's lease and delivers this commit; its progress is not seen here.
            return;
        }
        long lag = dispatchLag.get();
        if (lag > 0 && dispatcher.isRunning() && dispatcher.position() < lag) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Commit " + committed.commitId() + " (checkpoint "
                    + committed.checkpoint() + ") does not wait for the dispatcher, still behind checkpoint " + lag);
            return;
        }
        try {
            if (!dispatcher.awaitPosition(committed.checkpoint(), dispatch.options().syncTimeout())) {
                if (dispatcher.isRunning()) {
                    dispatchLag.accumulateAndGet(committed.checkpoint(), Math::max);
                }
                LOG.log(System.Logger.Level.WARNING, "Commit " + committed.commitId() + " (checkpoint "
                        + committed.checkpoint() + ") is stored but not dispatched yet; "
                        + (dispatcher.isRunning() ? "it will be, and commits do not wait for the dispatcher until"
                        + " it has caught up with it" : "the dispatcher stopped: "
                        + dispatcher.failure().map(Throwable::toString).orElse("closed")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    CompletableFuture<Commit> commitAsync(OptimisticEventStream stream, UUID commitId) {
        ensureOpen();
        return async.supply(() -> stream.commitChanges(commitId));
    }

    @Override
    public CompletableFuture<EventStream> openStreamAsync(String bucketId, String streamId, long minRevision,
                                                          long maxRevision) {
        ensureOpen();
        return async.supply(() -> openStream(bucketId, streamId, minRevision, maxRevision));
    }

    @Override
    public CompletableFuture<List<Commit>> readStreamAsync(String bucketId, String streamId, long minRevision,
                                                           long maxRevision) {
        ensureOpen();
        return async.supply(() -> {
            try (Stream<Commit> commits = readStream(bucketId, streamId, minRevision, maxRevision)) {
                return commits.toList();
            }
        });
    }

    @Override
    public CompletableFuture<List<Commit>> readAllAsync(long afterCheckpoint, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        ensureOpen();
        return async.supply(() -> {
            try (Stream<Commit> commits = readAll(afterCheckpoint)) {
                return commits.limit(limit).toList();
            }
        });
    }

    @Override
    public Subscription subscribe(long afterCheckpoint, CommitHandler handler, SubscriptionOptions options) {
        if (afterCheckpoint < 0) {
            throw new IllegalArgumentException("afterCheckpoint must not be negative: " + afterCheckpoint);
        }
        if (Objects.requireNonNull(options, "options").startAfter() != 0) {
            throw new IllegalArgumentException("startAfter is for named subscriptions, which start there when no "
                    + "position is stored; this one starts after afterCheckpoint " + afterCheckpoint);
        }
        return startSubscription(null, afterCheckpoint, handler, options);
    }

    @Override
    public Subscription subscribe(String name, CommitHandler handler, SubscriptionOptions options) {
        FeedSubscription.requireName(name);
        return startSubscription(name, options.startAfter(), handler, options);
    }

    @Override
    public Optional<Subscription> dispatcher() {
        return Optional.ofNullable(dispatcher);
    }

    private FeedSubscription startSubscription(String name, long afterCheckpoint, CommitHandler handler,
                                               SubscriptionOptions options) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        if (handler instanceof EventRouter router) {
            codec.registerAnnotated(router.eventTypes());
        }
        synchronized (lifecycle) {
            ensureOpen();
            if (name != null && !subscriptionNames.add(name)) {
                throw new IllegalStateException("A subscription named '" + name + "' is already running in this store");
            }
            FeedSubscription[] self = new FeedSubscription[1];
            try {
                self[0] = new FeedSubscription(name, afterCheckpoint, engine, this::visible, handler, options,
                        pageSize, closeGrace, observer, () -> {
                            subscriptions.remove(self[0]);
                            if (name != null) {
                                subscriptionNames.remove(name);
                            }
                        });
            } catch (RuntimeException e) {
                if (name != null) {
                    subscriptionNames.remove(name);
                }
                throw e;
            }
            subscriptions.add(self[0]);
            return self[0].start();
        }
    }

    /** A stored commit as readers see it: decoded, upconverted, through the select hooks. */
    Optional<Commit> visible(CommitRecord record) {
        return select(codec.toCommit(record));
    }

    /** Reads commits through the codec, upconverters and select hooks. */
    Stream<Commit> read(StreamRange range) {
        ensureOpen();
        return select(engine.readStream(range));
    }

    /**
     * As {@link #read}, for a caller that takes every commit: the records are decoded in runs ({@link
     * RunDecodedCommits}), which read ahead of the commit taken.
     */
    Stream<Commit> readWhole(StreamRange range) {
        ensureOpen();
        return selectDecoded(RunDecodedCommits.of(engine.readStream(range), codec));
    }

    private Stream<Commit> select(Stream<CommitRecord> records) {
        return selectDecoded(records.map(codec::toCommit));
    }

    private Stream<Commit> selectDecoded(Stream<Commit> commits) {
        if (hooks.isEmpty()) {
            return commits;
        }
        return commits.map(this::select).flatMap(Optional::stream);
    }

    private Optional<Commit> select(Commit commit) {
        Commit current = commit;
        for (PipelineHook hook : hooks) {
            Optional<Commit> selected = Objects.requireNonNull(hook.select(current),
                    () -> hook.getClass().getName() + ".select returned null instead of an Optional");
            if (selected.isEmpty()) {
                return selected;
            }
            requireSameCommit(hook, current, selected.get());
            current = selected.get();
        }
        return Optional.of(current);
    }

    /**
     * A select hook may change events and headers, or hide the whole commit, but not what places its events in
     * the stream and the feed: revisions count back from the last one, so another number of events would shift
     * every revision, and other ids or positions would misplace the commit.
     */
    private static void requireSameCommit(PipelineHook hook, Commit read, Commit selected) {
        if (selected.events().size() != read.events().size()) {
            throw new IllegalStateException(hook.getClass().getName() + ".select changed the number of events of commit "
                    + read.commitId() + " from " + read.events().size() + " to " + selected.events().size()
                    + "; a select hook may change events or hide the whole commit, not add or remove events");
        }
        if (!selected.bucketId().equals(read.bucketId()) || !selected.streamId().equals(read.streamId())
                || selected.streamRevision() != read.streamRevision() || !selected.commitId().equals(read.commitId())
                || selected.commitSequence() != read.commitSequence() || selected.checkpoint() != read.checkpoint()) {
            throw new IllegalStateException(hook.getClass().getName() + ".select changed the stream, revision, "
                    + "commitId, sequence or checkpoint of commit " + read.commitId() + "; it may change events, "
                    + "headers or the stamp only");
        }
    }

    @Override
    public Stream<Commit> readStream(String bucketId, String streamId, long minRevision, long maxRevision) {
        StreamRange range = new StreamRange(bucketId, streamId, minRevision, maxRevision);
        return observer == null ? read(range) : observer.observeStream(Operation.READ_STREAM, () -> read(range));
    }

    @Override
    public Stream<Commit> readAll(long afterCheckpoint) {
        return feed(new FeedRange(null, afterCheckpoint, Long.MAX_VALUE));
    }

    @Override
    public Stream<Commit> readAll(long afterCheckpoint, long toCheckpoint) {
        return feed(new FeedRange(null, afterCheckpoint, toCheckpoint));
    }

    @Override
    public Stream<Commit> readAll(String bucketId, long afterCheckpoint) {
        return feed(FeedRange.after(bucketId, afterCheckpoint));
    }

    @Override
    public Stream<Commit> readAll(String bucketId, long afterCheckpoint, long toCheckpoint) {
        return feed(new FeedRange(Ids.requireBucketId(bucketId), afterCheckpoint, toCheckpoint));
    }

    @Override
    public long lastCheckpoint() {
        ensureOpen();
        return engine.lastCheckpoint();
    }

    private Stream<Commit> feed(FeedRange range) {
        ensureOpen();
        return observer == null ? select(engine.readFeed(range))
                : observer.observeStream(Operation.READ_FEED, () -> select(engine.readFeed(range)));
    }

    @Override
    public Stream<Commit> readFrom(String bucketId, Instant from) {
        return readBetween(bucketId, from, Instant.MAX);
    }

    @Override
    public Stream<Commit> readBetween(String bucketId, Instant from, Instant to) {
        TimeRange range = new TimeRange(bucketId, from, to);
        ensureOpen();
        return observer == null ? select(engine.readByTime(range))
                : observer.observeStream(Operation.READ_FEED, () -> select(engine.readByTime(range)));
    }

    @Override
    public Optional<Snapshot> snapshot(String bucketId, String streamId, long maxRevision) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        StreamKey stream = new StreamKey(bucketId, streamId);
        return observer == null ? latest(stream, maxRevision)
                : observer.observe(Operation.READ_SNAPSHOT, () -> latest(stream, maxRevision));
    }

    private Optional<Snapshot> latest(StreamKey stream, long maxRevision) {
        return engine.snapshots().latest(stream, maxRevision).map(codec::toSnapshot);
    }

    @Override
    public boolean addSnapshot(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        SnapshotRecord record = codec.toRecord(snapshot);
        ensureOpen();
        return observer == null ? add(record) : observer.observe(Operation.ADD_SNAPSHOT, () -> add(record));
    }

    private boolean add(SnapshotRecord record) {
        if (!holdsRevision(new StreamRange(record.bucketId(), record.streamId(), record.streamRevision(),
                Long.MAX_VALUE))) {
            if (!holdsRevision(new StreamRange(record.bucketId(), record.streamId(), 0, Long.MAX_VALUE))) {
                return false;
            }
            // A stream opened from it would start above its head and never commit again.
            throw new IllegalArgumentException("Snapshot of " + record.bucketId() + "/" + record.streamId()
                    + " at revision " + record.streamRevision() + " is above the stream's head revision");
        }
        return engine.snapshots().add(record);
    }

    private boolean holdsRevision(StreamRange range) {
        try (Stream<CommitRecord> commits = engine.readStream(range)) {
            return commits.findAny().isPresent();
        }
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        Ids.requireBucketId(bucketId);
        ensureOpen();
        return engine.snapshots().streamsToSnapshot(bucketId, threshold);
    }

    @Override
    public void deleteStream(String bucketId, String streamId) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        engine.deleteStream(new StreamKey(bucketId, streamId));
        hooks.forEach(hook -> hook.onDeleteStream(bucketId, streamId));
    }

    @Override
    public void purge() {
        ensureOpen();
        engine.purge(Optional.empty());
        hooks.forEach(PipelineHook::onPurge);
    }

    @Override
    public void purge(String bucketId) {
        Ids.requireBucketId(bucketId);
        ensureOpen();
        engine.purge(Optional.of(bucketId));
        hooks.forEach(hook -> hook.onPurge(bucketId));
    }

    @Override
    public void drop() {
        if (!beginClosing()) {
            throw new IllegalStateException("The event store is closed");
        }
        try {
            FeedSubscription.closeAll(List.copyOf(subscriptions), closeGrace);
            engine.drop();
        } catch (RuntimeException e) {
            // A failed drop must not leak the engine's client: close it, keeping the drop's failure first.
            try {
                engine.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        } finally {
            async.close();
            closedFully.countDown();
        }
    }

    @Override
    public Set<Capability> capabilities() {
        return engine.capabilities();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The event store is closed");
        }
    }

    /**
     * Refuses new work from here on, stops the subscriptions side by side (each stores its position while the
     * engine is open), then closes the engine. A second close waits for the first.
     */
    @Override
    public void close() {
        if (!beginClosing()) {
            awaitClosed();
            return;
        }
        try {
            FeedSubscription.closeAll(List.copyOf(subscriptions), closeGrace);
        } finally {
            try {
                engine.close();
            } finally {
                async.close();
                if (observer != null) {
                    observer.closed();
                }
                closedFully.countDown();
            }
        }
    }

    /** Marks the store closed; false if it already was. */
    private boolean beginClosing() {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }
    }

    private void awaitClosed() {
        try {
            closedFully.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EventStore[" + engine + "]";
    }
}
