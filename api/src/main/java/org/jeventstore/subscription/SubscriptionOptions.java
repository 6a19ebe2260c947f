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
 */
public record SubscriptionOptions(RetryPolicy retry, FailurePolicy onFailure, Duration pollInterval,
                                  Duration syncTimeout, Duration leaseTimeout) {

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
    }

    /**
     * Default retries, {@link FailurePolicy#STOP}, a 500 ms poll interval, a 30 s sync timeout and a 15 s lease
     * timeout.
     */
    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(RetryPolicy.defaults(), FailurePolicy.STOP, Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(15));
    }

    public SubscriptionOptions withRetry(RetryPolicy retry) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout);
    }

    public SubscriptionOptions withFailurePolicy(FailurePolicy onFailure) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout);
    }

    public SubscriptionOptions withPollInterval(Duration pollInterval) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout);
    }

    public SubscriptionOptions withSyncTimeout(Duration syncTimeout) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout);
    }

    public SubscriptionOptions withLeaseTimeout(Duration leaseTimeout) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout, leaseTimeout);
    }
}
