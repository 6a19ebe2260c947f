package org.jeventstore.micrometer;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.EventStore;

/**
 * What the lag gauges read from the store, read by one daemon thread of its own once a refresh interval: the
 * store's head checkpoint and, for each subscription behind it, the stamp of the first commit after its
 * position. The gauges return the values last read, so a scrape never touches the backend: one that hangs
 * or fails leaves the last values standing and blocks no scrape. The thread starts with the first tracked
 * subscription and stops when the store closes.
 */
final class StoreLag {

    private static final System.Logger LOG = System.getLogger(StoreLag.class.getName());
    /** A zero refresh would spin: the thread waits at least this long between two reads. */
    private static final long LEAST_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final EventStore store;
    private final long refreshNanos;
    private final Clock clock;
    private final Set<SubscriptionGroup.Member> tracked = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Boolean> reading = new ThreadLocal<>();
    private volatile long head;
    /** Guarded by this; null until the first subscription is tracked, and after {@link #close()}. */
    private ScheduledExecutorService refresher;
    private boolean closed;

    StoreLag(EventStore store, Duration refresh, Clock clock) {
        this.store = store;
        this.refreshNanos = Math.max(LEAST_REFRESH_NANOS, refresh.toNanos());
        this.clock = clock;
    }

    /** Reads for {@code member} from now on, starting the thread if it is the first. */
    synchronized void track(SubscriptionGroup.Member member) {
        if (closed) {
            return;
        }
        tracked.add(member);
        if (refresher == null) {
            refresher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "jeventstore-lag");
                thread.setDaemon(true);
                return thread;
            });
            refresher.scheduleWithFixedDelay(this::refresh, 0, refreshNanos, TimeUnit.NANOSECONDS);
        }
    }

    void untrack(SubscriptionGroup.Member member) {
        tracked.remove(member);
    }

    /** Stops the thread (interrupting a read in progress) and forgets every subscription: the store closed. */
    synchronized void close() {
        closed = true;
        tracked.clear();
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    /** The store's head checkpoint, as last read. */
    long head() {
        return head;
    }

    private void refresh() {
        reading.set(Boolean.TRUE);
        try {
            head = store.advanced().lastCheckpoint();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot read the head of " + store + "; the lag gauges keep "
                    + "the last value", e);
        }
        try {
            long current = head;
            tracked.forEach(member -> member.refreshAge(current));
        } finally {
            reading.remove();
        }
    }

    /**
     * The stamp (epoch milliseconds) of the first commit readers see after {@code position} and up to
     * {@code head}, or -1 if none. The next checkpoint is read alone first: one commit, not a page, in the
     * usual case of no gap.
     */
    long firstStampAfter(long position, long head) {
        long next = stamp(position, position + 1);
        return next >= 0 || head <= position + 1 ? next : stamp(position + 1, head);
    }

    private long stamp(long after, long upTo) {
        try (Stream<Commit> feed = store.advanced().readAll(after, upTo)) {
            return feed.findFirst().map(commit -> commit.commitStamp().toEpochMilli()).orElse(-1L);
        }
    }

    /** Whether this thread is reading for a gauge: those reads are not observed as operations. */
    boolean isReadingOnThisThread() {
        return reading.get() != null;
    }

    Clock clock() {
        return clock;
    }
}
