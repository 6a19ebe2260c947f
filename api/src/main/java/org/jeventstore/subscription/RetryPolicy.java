package org.jeventstore.subscription;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failing handler is called for one commit, and how long to wait in between: the wait doubles
 * after each failure, from {@code initialBackoff} up to {@code maxBackoff}. Only closing the subscription ends
 * a wait early; new commits do not. A subscription waits the same way between attempts to read the feed
 * while the backend is unavailable.
 *
 * @param maxAttempts    calls before the {@link FailurePolicy} applies, 1 or more
 * @param initialBackoff the wait after the first failure
 * @param maxBackoff     the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
    }

    /** 5 attempts, waiting 100 ms, 200 ms, 400 ms, 800 ms in between. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && !wait.isZero() && wait.compareTo(maxBackoff) < 0; i++) {
            // Capped before doubling, so that a longest wait such as ChronoUnit.FOREVER never overflows.
            wait = wait.compareTo(maxBackoff.dividedBy(2)) > 0 ? maxBackoff : wait.multipliedBy(2);
        }
        return wait;
    }
}
