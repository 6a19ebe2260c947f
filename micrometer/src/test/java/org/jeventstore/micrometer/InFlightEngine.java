package org.jeventstore.micrometer;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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

    private final Map<String, Integer> hiddenReads = new ConcurrentHashMap<>();
    private volatile boolean hidden;
    private volatile CountDownLatch headBlockedUntil;

    /** Makes {@link #lastCheckpoint()} hang, ignoring interrupts, until {@code release} opens: a backend that hangs. */
    void blockHead(CountDownLatch release) {
        this.headBlockedUntil = release;
    }

    /** While {@code hidden}, the feed reads as empty. */
    void hide(boolean hidden) {
        this.hidden = hidden;
    }

    /** How many feed reads found the feed hidden, on threads not named {@code thread}. */
    int hiddenReadsBesides(String thread) {
        return hiddenReads.entrySet().stream().filter(reads -> !reads.getKey().equals(thread))
                .mapToInt(Map.Entry::getValue).sum();
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
            hiddenReads.merge(Thread.currentThread().getName(), 1, Integer::sum);
            return Stream.empty();
        }
        return delegate.readFeed(range);
    }

    @Override
    public long lastCheckpoint() {
        CountDownLatch release = headBlockedUntil;
        while (release != null && release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException e) {
                // A hung socket read does not notice interrupts either.
            }
        }
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
