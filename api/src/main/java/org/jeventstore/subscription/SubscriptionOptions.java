package org.jeventstore.subscription;

import java.time.Duration;
import java.util.Objects;

/**
 * How a dispatcher or subscription delivers. A duration beyond the nanosecond range of a {@code long} (such
 * as {@code ChronoUnit.FOREVER.getDuration()}) means the longest wait there is, about 292 years.
 *
 * @param retry         how a failing handler is retried
 * @param onFailure     what happens when the retries are exhausted
 * @param pollInterval  how often an idle subscription looks for commits written by other processes; commits
 *                      of this store are delivered at once, without waiting for it
 * @param syncTimeout   for a {@link DispatchMode#SYNCHRONOUS} dispatcher, how long a commit waits for its
 *                      dispatch before {@code commitChanges} returns anyway (the commit is dispatched later;
 *                      later commits do not wait until the dispatcher has caught up with it); zero or more,
 *                      zero for no wait
 * @param leaseTimeout  for a named subscription or dispatcher, how long another process running the same name
 *                      waits for this one's lease to be renewed before it takes over (see
 *                      {@link Subscription#isActive()}); the holder renews it every third of this; positive
 * @param startAfter    for a named subscription or dispatcher that has no position stored under its name yet, the
 *                      checkpoint after which it starts (0, the default: the start of the feed); a stored position
 *                      always wins. For taking over from another dispatcher, such as one whose progress lives
 *                      elsewhere (the MongoDB engine derives it from a C# 5.x store's {@code Dispatched} flags).
 *                      Zero or more; an unnamed subscription, which takes its start as an argument, refuses any
 *                      other value
 */
public record SubscriptionOptions(RetryPolicy retry, FailurePolicy onFailure, Duration pollInterval,
                                  Duration syncTimeout, Duration leaseTimeout, long startAfter) {

    public SubscriptionOptions {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(leaseTimeout, "leaseTimeout");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        if (syncTimeout.isNegative()) {
            throw new IllegalArgumentException("syncTimeout must not be negative: " + syncTimeout);
        }
        if (leaseTimeout.isNegative() || leaseTimeout.isZero()) {
            throw new IllegalArgumentException("leaseTimeout must be positive: " + leaseTimeout);
        }
        if (startAfter < 0) {
            throw new IllegalArgumentException("startAfter must not be negative: " + startAfter);
        }
    }

    /** Options that start at the beginning of the feed when no position is stored. */
    public SubscriptionOptions(RetryPolicy retry, FailurePolicy onFailure, Duration pollInterval,
                               Duration syncTimeout, Duration leaseTimeout) {
        this(retry, onFailure, pollInterval, syncTimeout, leaseTimeout, 0);
    }

    /**
     * Default retries, {@link FailurePolicy#STOP}, a 500 ms poll interval, a 30 s sync timeout and a 15 s lease
     * timeout.
     */
    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(RetryPolicy.defaults(), FailurePolicy.STOP, Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(15), 0);
    }

    public SubscriptionOptions withRetry(RetryPolicy retry) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout, startAfter);
    }

    public SubscriptionOptions withFailurePolicy(FailurePolicy onFailure) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout, startAfter);
    }

    public SubscriptionOptions withPollInterval(Duration pollInterval) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout, startAfter);
    }

    public SubscriptionOptions withSyncTimeout(Duration syncTimeout) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout, startAfter);
    }

    public SubscriptionOptions withLeaseTimeout(Duration leaseTimeout) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout, startAfter);
    }

    /** These options starting after {@code startAfter} when no position is stored (see the record's description). */
    public SubscriptionOptions withStartAfter(long startAfter) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout, startAfter);
    }
}
