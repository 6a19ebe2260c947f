package org.jeventstore.micrometer;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling: the only place these tests wait without a latch. */
final class Poll {

    static final Duration WAIT = Duration.ofSeconds(10);

    private Poll() {
    }

    /** Whether {@code condition} held within ten seconds. */
    static boolean until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
