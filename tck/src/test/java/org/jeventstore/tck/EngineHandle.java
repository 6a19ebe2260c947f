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
import org.jeventstore.spi.StreamKey;

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
    public boolean add(SnapshotRecord snapshot) {
        ensureOpen();
        return super.add(snapshot);
    }

    @Override
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        ensureOpen();
        return super.latest(new StreamKey(bucketId, streamId), maxRevision);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        ensureOpen();
        return super.streamsToSnapshot(bucketId, threshold);
    }

    @Override
    public void deleteStream(StreamKey stream) {
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        ensureOpen();
        super.deleteStream(new StreamKey(bucketId, streamId));
    }

    @Override
    public Optional<Position> get(String name) {
        ensureOpen();
        return super.get(name);
    }

    @Override
    public void put(Position position) {
        ensureOpen();
        super.put(position);
    }

    @Override
    public boolean replace(Position expected, Position next) {
        ensureOpen();
        return super.replace(expected, next);
    }

    @Override
    public void delete(String name) {
        ensureOpen();
        super.delete(name);
    }

    @Override
    public Stream<Position> list(String namePrefix) {
        ensureOpen();
        return super.list(namePrefix);
    }

    @Override
    public void purge(Optional<String> bucketId) {
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
