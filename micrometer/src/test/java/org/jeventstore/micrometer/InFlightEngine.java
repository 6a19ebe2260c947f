package org.jeventstore.micrometer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;

/**
 * A {@code memory:} engine whose feed can be hidden from readers while its head still counts the commits, as a
 * backend whose head includes commits in flight (a sequence taken, the row not yet visible) would answer.
 */
final class InFlightEngine extends ForwardingEngine {

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
    public Stream<CommitRecord> readFeed(FeedRange range) {
        if (hidden) {
            hiddenReads.merge(Thread.currentThread().getName(), 1, Integer::sum);
            return Stream.empty();
        }
        return super.readFeed(range);
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
        return super.lastCheckpoint();
    }
}
