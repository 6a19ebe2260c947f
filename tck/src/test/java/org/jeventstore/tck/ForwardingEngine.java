package org.jeventstore.tck;

import org.jeventstore.spi.PositionStore;
import org.jeventstore.spi.SnapshotStore;
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

/** An engine that forwards every call to another: the base of the broken engines that change a read. */
abstract class ForwardingEngine implements PersistenceEngine, SnapshotStore, PositionStore {

    final PersistenceEngine delegate;

    ForwardingEngine(PersistenceEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        return delegate.commit(attempt);
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        return delegate.readStream(range);
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        return delegate.readFeed(range);
    }

    @Override
    public long lastCheckpoint() {
        return delegate.lastCheckpoint();
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        return delegate.readByTime(range);
    }

    @Override
    public boolean add(SnapshotRecord snapshot) {
        return delegate.snapshots().add(snapshot);
    }

    @Override
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        return delegate.snapshots().latest(new StreamKey(bucketId, streamId), maxRevision);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        return delegate.snapshots().streamsToSnapshot(bucketId, threshold);
    }

    @Override
    public void deleteStream(StreamKey stream) {
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        delegate.deleteStream(new StreamKey(bucketId, streamId));
    }

    @Override
    public void purge(Optional<String> bucketId) {
        delegate.purge(bucketId);
    }

    @Override
    public SnapshotStore snapshots() {
        return this;
    }

    @Override
    public PositionStore positions() {
        return this;
    }

    @Override
    public void drop() {
        delegate.drop();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }

    @Override
    public Optional<Position> get(String name) {
        return delegate.positions().get(name);
    }

    @Override
    public void put(Position position) {
        delegate.positions().put(position);
    }

    @Override
    public boolean replace(Position expected, Position next) {
        return delegate.positions().replace(expected, next);
    }

    @Override
    public void delete(String name) {
        delegate.positions().delete(name);
    }

    @Override
    public Stream<Position> list(String namePrefix) {
        return delegate.positions().list(namePrefix);
    }
}
