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

/** An engine that forwards every call to another: the base of the broken engines that change a read. */
abstract class ForwardingEngine implements PersistenceEngine {

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
    public Stream<CommitRecord> readByTime(TimeRange range) {
        return delegate.readByTime(range);
    }

    @Override
    public boolean addSnapshot(SnapshotRecord snapshot) {
        return delegate.addSnapshot(snapshot);
    }

    @Override
    public Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision) {
        return delegate.snapshot(bucketId, streamId, maxRevision);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        return delegate.streamsToSnapshot(bucketId, threshold);
    }

    @Override
    public void deleteStream(String bucketId, String streamId) {
        delegate.deleteStream(bucketId, streamId);
    }

    @Override
    public void purge() {
        delegate.purge();
    }

    @Override
    public void purge(String bucketId) {
        delegate.purge(bucketId);
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
    public Optional<Position> position(String name) {
        return delegate.position(name);
    }

    @Override
    public void savePosition(Position position) {
        delegate.savePosition(position);
    }

    @Override
    public boolean replacePosition(Position expected, Position next) {
        return delegate.replacePosition(expected, next);
    }

    @Override
    public void deletePosition(String name) {
        delegate.deletePosition(name);
    }

    @Override
    public Stream<Position> positions(String namePrefix) {
        return delegate.positions(namePrefix);
    }
}
