package org.jeventstore.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling: the only place the api's tests wait without a latch. */
final class Poll {

    static final Duration WAIT = Duration.ofSeconds(10);

    private Poll() {
    }

    /** Whether {@code condition} held within {@code timeout}, running {@code eachRound} before each look. */
    static boolean until(BooleanSupplier condition, Duration timeout, Runnable eachRound) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            eachRound.run();
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    static boolean until(BooleanSupplier condition, Duration timeout) {
        return until(condition, timeout, () -> { });
    }

    static boolean until(BooleanSupplier condition) {
        return until(condition, WAIT);
    }
}
