package org.jeventstore.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jeventstore.StreamHead;
import org.jeventstore.records.CheckedIds;

/**
 * The one place where calls into an engine are checked, so that no engine checks anything itself: arguments
 * that the value types do not already guarantee (nulls, bucket ids, position names, the ids of a commit) are
 * refused with
 * {@link NullPointerException} or {@link IllegalArgumentException}, a call after {@link #close()} or
 * {@link #drop()} with {@link IllegalStateException}, {@code close} reaches the engine once, and a {@code drop}
 * that fails is followed by {@code close}, so that it leaks no client. The store,
 * {@code EventStores.openEngine} and the TCK call every engine through one; an engine author never needs to.
 */
public final class CheckedEngine implements PersistenceEngine {

    static {
        CheckedIds.install(new CheckedIds() {
            @Override
            public CommitRecord commit(PersistenceEngine engine, CommitAttempt attempt) {
                return engine instanceof CheckedEngine checked ? checked.commitCheckedIds(attempt) : engine.commit(attempt);
            }
        });
    }

    private final PersistenceEngine engine;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SnapshotStore snapshots;
    private final PositionStore positions;

    private CheckedEngine(PersistenceEngine engine) {
        this.engine = engine;
        this.snapshots = new CheckedSnapshots();
        this.positions = new CheckedPositions();
    }

    /** {@code engine} behind the checks; an engine already checked is returned as it is. */
    public static PersistenceEngine of(PersistenceEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return engine instanceof CheckedEngine ? engine : new CheckedEngine(engine);
    }

    private <T> T open(Supplier<T> call) {
        ensureOpen();
        return call.get();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(engine + " is closed");
        }
    }

    private void open(Runnable call) {
        open(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public Set<Capability> capabilities() {
        return open(engine::capabilities);
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        requireWritableIds(attempt);
        return commitCheckedIds(attempt);
    }

    /** A commit whose ids are known to follow {@link Ids} (see {@link CheckedIds}). */
    private CommitRecord commitCheckedIds(CommitAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        // Called directly, not through open(Supplier): the commit path allocates no lambda.
        ensureOpen();
        return engine.commit(attempt);
    }

    /**
     * The ids of a commit follow {@link Ids}. {@link CommitAttempt} leaves them unchecked so that a commit read from
     * a store shared with another program keeps its ids as stored; here such a commit (copied, say) is refused,
     * named by its commit id since its stream id may be too long or unprintable to show.
     */
    private static void requireWritableIds(CommitAttempt attempt) {
        try {
            Ids.requireBucketId(attempt.bucketId());
            Ids.requireStreamId(attempt.streamId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Commit " + attempt.commitId() + " (sequence "
                    + attempt.commitSequence() + ") cannot be written: " + e.getMessage() + "; ids follow the rules of "
                    + Ids.class.getName() + ", and a commit read with another id (from a store that another program "
                    + "writes) can be read but not written", e);
        }
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        Objects.requireNonNull(range, "range");
        return open(() -> engine.readStream(range));
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        Objects.requireNonNull(range, "range");
        return open(() -> engine.readFeed(range));
    }

    @Override
    public long lastCheckpoint() {
        ensureOpen();
        return engine.lastCheckpoint();
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        Objects.requireNonNull(range, "range");
        return open(() -> engine.readByTime(range));
    }

    @Override
    public SnapshotStore snapshots() {
        return snapshots;
    }

    @Override
    public PositionStore positions() {
        return positions;
    }

    @Override
    public void deleteStream(StreamKey stream) {
        Objects.requireNonNull(stream, "stream");
        open(() -> engine.deleteStream(stream));
    }

    @Override
    public void purge(Optional<String> bucketId) {
        Objects.requireNonNull(bucketId, "bucketId").ifPresent(Ids::requireBucketId);
        open(() -> engine.purge(bucketId));
    }

    @Override
    public void drop() {
        open(() -> {
        });
        if (closed.compareAndSet(false, true)) {
            try {
                engine.drop();
            } catch (RuntimeException | Error e) {
                // A failed drop must not leak the engine's client.
                try {
                    engine.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            engine.close();
        }
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    private final class CheckedSnapshots implements SnapshotStore {

        @Override
        public boolean add(SnapshotRecord snapshot) {
            Objects.requireNonNull(snapshot, "snapshot");
            return open(() -> engine.snapshots().add(snapshot));
        }

        @Override
        public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
            Objects.requireNonNull(stream, "stream");
            return open(() -> engine.snapshots().latest(stream, maxRevision));
        }

        @Override
        public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
            Ids.requireBucketId(bucketId);
            return open(() -> engine.snapshots().streamsToSnapshot(bucketId, threshold));
        }
    }

    private final class CheckedPositions implements PositionStore {

        @Override
        public Optional<Position> get(String name) {
            Ids.requirePositionName(name);
            return open(() -> engine.positions().get(name));
        }

        @Override
        public void put(Position position) {
            Objects.requireNonNull(position, "position");
            open(() -> engine.positions().put(position));
        }

        @Override
        public boolean replace(Position expected, Position next) {
            Ids.requireReplacement(expected, next);
            return open(() -> engine.positions().replace(expected, next));
        }

        @Override
        public void delete(String name) {
            Ids.requirePositionName(name);
            open(() -> engine.positions().delete(name));
        }

        @Override
        public Stream<Position> list(String namePrefix) {
            Objects.requireNonNull(namePrefix, "namePrefix");
            return open(() -> engine.positions().list(namePrefix));
        }
    }
}
