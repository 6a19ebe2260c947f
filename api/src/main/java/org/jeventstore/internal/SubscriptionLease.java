package org.jeventstore.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;

/**
 * The exclusive lease of a named subscription on its stored position, so that several processes can run the
 * same subscription with one of them delivering: the holder writes its lease into the position with every
 * save (a conditional {@link org.jeventstore.spi.PositionStore#replace}), and a save whose expected position is gone
 * means another process took over, so a process that lost its lease can never move the position (fencing).
 *
 * <p>No clocks are compared between processes. Each write changes the lease text ({@code owner:counter}), so
 * the holder's renewals are visible as changes; a waiting process takes the lease over once it has seen the
 * same stored position, unchanged, for a whole {@code timeout} on its own monotonic clock. The holder renews
 * after a third of the timeout and counts its lease as held only for three quarters of it after the start of
 * its last successful write, so it stops delivering before anyone may take over, even with clocks running at
 * slightly different rates.
 *
 * <p>Not thread-safe: the subscription's worker uses it alone.
 */
final class SubscriptionLease {

    private final PersistenceEngine engine;
    private final String name;
    private final String owner = UUID.randomUUID().toString();
    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    private long counter;
    /** What this holder last stored, or null while it does not hold the lease. */
    private Position written;
    private long writtenAt;
    /** The position another holder keeps, as last seen, and since when it has not changed. */
    private Position observed;
    private long observedSince;

    SubscriptionLease(PersistenceEngine engine, String name, Duration timeout, LongSupplier nanoTime) {
        this.engine = engine;
        this.name = name;
        this.timeoutNanos = saturatedNanos(timeout);
        this.nanoTime = nanoTime;
    }

    /**
     * Takes the lease if it is free, or stale (unchanged for the whole timeout since this process first saw it).
     *
     * @param initial the position to start from when none is stored yet
     * @return the stored checkpoint to deliver after, if the lease is now held; empty if another process holds it
     */
    Optional<Long> tryAcquire(long initial) {
        Optional<Position> stored = engine.positions().get(name);
        long now = nanoTime.getAsLong();
        if (stored.isPresent()) {
            Position current = stored.get();
            if (!current.lease().isEmpty() && !isOurs(current)) {
                if (!current.equals(observed)) {
                    observed = current;
                    observedSince = now;
                    return Optional.empty();
                }
                if (now - observedSince < timeoutNanos) {
                    return Optional.empty();
                }
            }
            return write(current, current.checkpoint(), now) ? Optional.of(current.checkpoint()) : Optional.empty();
        }
        return write(null, initial, now) ? Optional.of(initial) : Optional.empty();
    }

    /** Whether this process holds the lease and may deliver: it wrote it successfully recently enough. */
    boolean isHeld() {
        return written != null && nanoTime.getAsLong() - writtenAt < timeoutNanos / 4 * 3;
    }

    /** Whether the holder should write again to keep the lease. */
    boolean renewalDue() {
        return written != null && nanoTime.getAsLong() - writtenAt >= timeoutNanos / 3;
    }

    /** How long a waiting process sleeps between looks at the stored position. */
    Duration checkInterval() {
        return Duration.ofNanos(Math.max(1, timeoutNanos / 3));
    }

    /**
     * Stores {@code checkpoint} under the lease, renewing it.
     *
     * @return false, having stored nothing, if another process took the lease: this one must stop delivering
     */
    boolean save(long checkpoint) {
        if (written == null) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (write(written, checkpoint, now)) {
            return true;
        }
        // A write reported as failed may have been applied: then our own lease is stored, and we still hold it.
        Optional<Position> stored = engine.positions().get(name);
        if (stored.isPresent() && isOurs(stored.get()) && write(stored.get(), checkpoint, now)) {
            return true;
        }
        lose();
        return false;
    }

    /** Stores the final position with no lease, so that a waiting process takes over at once. */
    void release(long checkpoint) {
        if (written == null) {
            return;
        }
        Position free = new Position(name, checkpoint);
        Position expected = written;
        lose();
        if (!engine.positions().replace(expected, free)) {
            Optional<Position> stored = engine.positions().get(name);
            if (stored.isPresent() && isOurs(stored.get())) {
                engine.positions().replace(stored.get(), free);
            }
        }
    }

    /** Forgets the lease without writing: another process holds it now, or this one gives up. */
    void lose() {
        written = null;
        observed = null;
    }

    private boolean write(Position expected, long checkpoint, long startedAt) {
        Position next = new Position(name, checkpoint, owner + ":" + ++counter);
        if (!engine.positions().replace(expected, next)) {
            return false;
        }
        written = next;
        writtenAt = startedAt;
        observed = null;
        return true;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private boolean isOurs(Position position) {
        return position.lease().startsWith(owner + ":");
    }

    @Override
    public String toString() {
        return "SubscriptionLease[" + name + ", owner=" + owner + ", held=" + isHeld() + "]";
    }
}
