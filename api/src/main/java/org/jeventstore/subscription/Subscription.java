package org.jeventstore.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;

/**
 * A running delivery of the store-wide feed to a {@link CommitHandler}: it catches up from its start
 * position, then follows new commits — at once for commits of this store, every
 * {@link SubscriptionOptions#pollInterval()} for commits of other processes. It holds at most one page of
 * commits, so a slow handler slows reading instead of filling memory.
 *
 * <p>A named subscription (and the dispatcher) records its position in the engine and resumes from it. It
 * stores the position after each page of commits and, within a page, after the first commit handled a
 * second or more after the last save: a slow handler in a process that keeps crashing still moves forward,
 * and at most about a second of handling (or the one commit in hand, if slower) is delivered again after a
 * crash. This costs each commit one read of the clock, and at most one position write a second beyond
 * the one per page.
 *
 * <p>A backend that is unavailable ({@link StorageUnavailableException}) while the subscription reads the
 * feed, stores its position or parks a commit is retried with the {@link RetryPolicy}'s back-off for as long
 * as it stays unavailable. Only a {@link StorageException} that is not retryable, or a handler failing under
 * {@link FailurePolicy#STOP}, stops the subscription.
 *
 * <p>Several processes may run a named subscription (or dispatcher) of the same name on one storage, as the
 * instances of a service do: one of them delivers, holding the name's <b>lease</b>, and the others wait,
 * {@link #isActive() inactive}. The holder renews the lease with its position saves (and every third of the
 * {@link SubscriptionOptions#leaseTimeout()} when idle); another process takes over when the holder closes
 * (at once) or stops renewing for the whole lease timeout (a crash, a pause, a handler busy with one commit
 * that long), resuming from the stored position. Every save is a conditional write on the lease, so a process
 * that lost its lease can never move the position; it stops delivering when it notices and waits in turn.
 * It may deliver the commit it had in hand once more than the new holder does: delivery is at least once.
 * No clocks are compared between processes.
 */
public interface Subscription extends AutoCloseable {

    /** The name under which the position is stored, or empty for a subscription that keeps it in memory. */
    Optional<String> name();

    /** The checkpoint of the last commit handled (or parked). */
    long position();

    /** Whether the subscription is delivering: false once closed or stopped by a failure. */
    boolean isRunning();

    /**
     * Whether this subscription delivers now: running and, when named, holding the lease of its name. False
     * while another process's subscription of the same name holds it; this one then waits to take over.
     */
    boolean isActive();

    /** The failure that stopped the subscription, if one did. */
    Optional<Throwable> failure();

    /**
     * Waits until the subscription has handled {@code checkpoint}.
     *
     * @param timeout the longest wait; one beyond the nanosecond range of a {@code long} (such as
     *                {@code ChronoUnit.FOREVER.getDuration()}) waits as long as there is, a zero or negative one
     *                only looks, as {@code CountDownLatch.await} does
     * @return false if it did not within {@code timeout}, or stopped first
     */
    boolean awaitPosition(long checkpoint, Duration timeout) throws InterruptedException;

    /** The checkpoints of commits parked after the handler kept failing on them, in order. */
    List<Long> parked();

    /**
     * Delivers a parked commit again and removes it from the parked list if the handler succeeds. The handler
     * runs on the subscription's worker, so never beside another call of it: this call waits until the
     * worker has finished the commit in hand (or the back-off it is in), delivers the parked one, and returns
     * its outcome. Called from the handler itself, it delivers at once.
     *
     * @return false if the checkpoint was not parked, or its commit no longer exists (it is then removed)
     * @throws Exception             what the handler threw; the commit stays parked
     * @throws IllegalStateException if the subscription is closed or stopped: subscribe again to redeliver
     *                               (the parked list of a named subscription is durable)
     */
    boolean redeliver(long checkpoint) throws Exception;

    /**
     * Stops delivering, after the commit in hand, and stores the position. A handler still busy after 10 s is
     * interrupted, and one still busy 5 s later is left behind, cut off from the engine, the position stored
     * by the calling thread. Called from the subscription's own handler, it returns at once and the
     * subscription stops when the handler returns. Idempotent.
     */
    @Override
    void close();
}
