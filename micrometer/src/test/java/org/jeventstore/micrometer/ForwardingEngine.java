package org.jeventstore.micrometer;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.EventStores;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.PositionStore;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;

/** A fresh {@code memory:} engine, every call forwarded: the test engines override the calls they change. */
abstract class ForwardingEngine implements PersistenceEngine {

    private final PersistenceEngine delegate = EventStores.openEngine("memory:", EngineOptions.defaults());

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        return delegate.commit(attempt);
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
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
    public SnapshotStore snapshots() {
        return delegate.snapshots();
    }

    @Override
    public PositionStore positions() {
        return delegate.positions();
    }

    @Override
    public void deleteStream(StreamKey stream) {
        delegate.deleteStream(stream);
    }

    @Override
    public void purge(Optional<String> bucketId) {
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
}
