package org.jeventstore.tck;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;

/**
 * One of several engines over one shared storage, as processes opening the same database would have:
 * closing a handle leaves the storage to the others, dropping removes it for all.
 */
final class EngineHandle extends ForwardingEngine {

    private volatile boolean closed;

    EngineHandle(PersistenceEngine storage) {
        super(storage);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The engine handle is closed");
        }
    }

    @Override
    public Set<Capability> capabilities() {
        return super.capabilities();
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        ensureOpen();
        return super.commit(attempt);
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        ensureOpen();
        return super.readStream(range);
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        ensureOpen();
        return super.readFeed(range);
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        ensureOpen();
        return super.readByTime(range);
    }

    @Override
    public boolean addSnapshot(SnapshotRecord snapshot) {
        ensureOpen();
        return super.addSnapshot(snapshot);
    }

    @Override
    public Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision) {
        ensureOpen();
        return super.snapshot(bucketId, streamId, maxRevision);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        ensureOpen();
        return super.streamsToSnapshot(bucketId, threshold);
    }

    @Override
    public void deleteStream(String bucketId, String streamId) {
        ensureOpen();
        super.deleteStream(bucketId, streamId);
    }

    @Override
    public Optional<Position> position(String name) {
        ensureOpen();
        return super.position(name);
    }

    @Override
    public void savePosition(Position position) {
        ensureOpen();
        super.savePosition(position);
    }

    @Override
    public boolean replacePosition(Position expected, Position next) {
        ensureOpen();
        return super.replacePosition(expected, next);
    }

    @Override
    public void deletePosition(String name) {
        ensureOpen();
        super.deletePosition(name);
    }

    @Override
    public Stream<Position> positions(String namePrefix) {
        ensureOpen();
        return super.positions(namePrefix);
    }

    @Override
    public void purge() {
        ensureOpen();
        super.purge();
    }

    @Override
    public void purge(String bucketId) {
        ensureOpen();
        super.purge(bucketId);
    }

    @Override
    public void drop() {
        ensureOpen();
        closed = true;
        super.drop();
    }

    @Override
    public void close() {
        closed = true;
    }
}
