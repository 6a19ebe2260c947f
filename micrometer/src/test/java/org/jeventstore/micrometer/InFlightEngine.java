package org.jeventstore.micrometer;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * A {@code memory:} engine whose feed can be hidden from readers while its head still counts the commits, as a
 * backend whose head includes commits in flight (a sequence taken, the row not yet visible) would answer.
 */
final class InFlightEngine implements PersistenceEngine {

    private final PersistenceEngine delegate = EventStores.openEngine("memory:", EngineOptions.defaults());

    private final AtomicInteger hiddenReads = new AtomicInteger();
    private volatile boolean hidden;

    /** While {@code hidden}, the feed reads as empty. */
    void hide(boolean hidden) {
        this.hidden = hidden;
    }

    /** How many feed reads found the feed hidden. */
    int hiddenReads() {
        return hiddenReads.get();
    }

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
        if (hidden) {
            hiddenReads.incrementAndGet();
            return Stream.empty();
        }
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
