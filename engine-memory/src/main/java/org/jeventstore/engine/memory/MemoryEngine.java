package org.jeventstore.engine.memory;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;

/**
 * An engine over a {@link MemoryStorage}. Records are immutable and copy their bytes, so nothing a caller
 * does to its objects after a commit changes what is stored. Closing an engine leaves a named storage to the
 * other engines that share it; dropping removes it.
 */
final class MemoryEngine implements PersistenceEngine {

    private final String description;
    private final MemoryStorage storage;
    private final int pageSize;
    private volatile boolean closed;

    MemoryEngine(String description, MemoryStorage storage, EngineOptions options) {
        this.description = description;
        this.storage = storage;
        this.pageSize = options.pageSize();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ_BY_TIME);
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        ensureOpen();
        return storage.commit(attempt);
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
        return storage.readStream(range, pageSize);
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
        return storage.readFeed(range, pageSize);
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
        return storage.readByTime(range, pageSize);
    }

    @Override
    public boolean addSnapshot(SnapshotRecord snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        ensureOpen();
        return storage.addSnapshot(snapshot);
    }

    @Override
    public Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        return storage.snapshot(bucketId, streamId, maxRevision);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        Ids.requireBucketId(bucketId);
        ensureOpen();
        return storage.streamsToSnapshot(bucketId, threshold, pageSize);
    }

    @Override
    public void deleteStream(String bucketId, String streamId) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        storage.deleteStream(bucketId, streamId);
    }

    @Override
    public Optional<Position> position(String name) {
        Ids.requirePositionName(name);
        ensureOpen();
        return storage.position(name);
    }

    @Override
    public void savePosition(Position position) {
        Objects.requireNonNull(position, "position");
        ensureOpen();
        storage.savePosition(position);
    }

    @Override
    public boolean replacePosition(Position expected, Position next) {
        Ids.requireReplacement(expected, next);
        ensureOpen();
        return storage.replacePosition(expected, next);
    }

    @Override
    public void deletePosition(String name) {
        Ids.requirePositionName(name);
        ensureOpen();
        storage.deletePosition(name);
    }

    @Override
    public Stream<Position> positions(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        ensureOpen();
        return storage.positions(namePrefix, pageSize);
    }

    @Override
    public void purge() {
        ensureOpen();
        storage.purge();
    }

    @Override
    public void purge(String bucketId) {
        Ids.requireBucketId(bucketId);
        ensureOpen();
        storage.purge(bucketId);
    }

    @Override
    public void drop() {
        try {
            ensureOpen();
            storage.drop();
        } finally {
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The engine " + description + " is closed");
        }
        if (storage.isDropped()) {
            throw new IllegalStateException("The store " + description + " was dropped");
        }
    }

    @Override
    public String toString() {
        return "MemoryEngine[" + description + "]";
    }
}
