package org.jeventstore.micrometer;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.EventStore;

/**
 * What the lag gauges read from the store: its head checkpoint, read at most once a refresh interval however
 * often they are scraped, and the stamp of the first commit after a position. A read that fails leaves the
 * last value standing: a scrape never fails, nor hammers a backend that is down.
 */
final class StoreLag {

    private static final System.Logger LOG = System.getLogger(StoreLag.class.getName());

    private final EventStore store;
    private final long refreshNanos;
    private final Clock clock;
    private final ThreadLocal<Boolean> reading = new ThreadLocal<>();
    private long head;
    private long headReadAt;
    private boolean headKnown;

    StoreLag(EventStore store, Duration refresh, Clock clock) {
        this.store = store;
        this.refreshNanos = refresh.toNanos();
        this.clock = clock;
    }

    /** The store's head checkpoint, as last read; read again when the refresh interval has passed. */
    synchronized long head() {
        long now = clock.monotonicTime();
        if (!headKnown || now - headReadAt >= refreshNanos) {
            try {
                head = store.advanced().lastCheckpoint();
                headKnown = true;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Cannot read the head of " + store + "; the lag gauges keep "
                        + "the last value", e);
            }
            headReadAt = now;
        }
        return head;
    }

    /** The stamp (epoch milliseconds) of the first commit readers see after {@code position}, or -1 if none. */
    long firstStampAfter(long position) {
        reading.set(Boolean.TRUE);
        try (Stream<Commit> feed = store.advanced().readAll(position)) {
            return feed.findFirst().map(commit -> commit.commitStamp().toEpochMilli()).orElse(-1L);
        } finally {
            reading.remove();
        }
    }

    /** Whether this thread is reading for a gauge: those reads are not observed as operations. */
    boolean isReadingOnThisThread() {
        return reading.get() != null;
    }

    long refreshNanos() {
        return refreshNanos;
    }

    Clock clock() {
        return clock;
    }
}
