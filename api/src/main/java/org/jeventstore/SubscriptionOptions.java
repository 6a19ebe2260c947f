package org.jeventstore;

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
 */
public record SubscriptionOptions(RetryPolicy retry, FailurePolicy onFailure, Duration pollInterval,
                                  Duration syncTimeout) {

    public SubscriptionOptions {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        if (syncTimeout.isNegative()) {
            throw new IllegalArgumentException("syncTimeout must not be negative: " + syncTimeout);
        }
    }

    /** Default retries, {@link FailurePolicy#STOP}, a 500 ms poll interval and a 30 s sync timeout. */
    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(RetryPolicy.defaults(), FailurePolicy.STOP, Duration.ofMillis(500),
                Duration.ofSeconds(30));
    }

    public SubscriptionOptions withRetry(RetryPolicy retry) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout);
    }

    public SubscriptionOptions withFailurePolicy(FailurePolicy onFailure) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout);
    }

    public SubscriptionOptions withPollInterval(Duration pollInterval) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout);
    }

    public SubscriptionOptions withSyncTimeout(Duration syncTimeout) {
        return new SubscriptionOptions(retry, onFailure, pollInterval, syncTimeout);
    }
}
