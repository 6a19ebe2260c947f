package org.jeventstore.engine.dynamodb;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jeventstore.StorageUnavailableException;

/**
 * Jittered exponential pauses between our own retries of a cancelled transaction (a conflict with a
 * concurrent transaction on the same item), bounded by a deadline. The SDK retries throttling and transient
 * errors itself; this covers what it does not retry.
 */
final class Backoff {

    private static final long MAX_PAUSE_MILLIS = 100;

    private final long deadline;
    private int attempts;

    Backoff(Duration limit) {
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    /**
     * Waits before the next attempt.
     *
     * @throws StorageUnavailableException once the deadline has passed: the contention outlasted the limit
     */
    void pause(String what) {
        if (System.nanoTime() > deadline) {
            throw new StorageUnavailableException("Gave up " + what + " after " + attempts
                    + " attempts cancelled by concurrent transactions or throttling; retry later");
        }
        long bound = Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(attempts, 6));
        attempts++;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("Interrupted while " + what);
        }
    }

    /** Whether the deadline has passed, for loops that retry without pausing. */
    void check(String what) {
        if (System.nanoTime() > deadline) {
            throw new StorageUnavailableException("Gave up " + what + " after " + attempts
                    + " attempts: other writers kept taking the next checkpoint; retry later");
        }
        attempts++;
    }
}
