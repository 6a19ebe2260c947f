package org.jeventstore.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SubscriptionOptionsTest {

    @Test
    void startAfterIsZeroByDefaultAndKeptByTheOtherWithers() {
        assertEquals(0, SubscriptionOptions.defaults().startAfter());
        SubscriptionOptions options = SubscriptionOptions.defaults().withStartAfter(42)
                .withPollInterval(Duration.ofSeconds(1)).withLeaseTimeout(Duration.ofSeconds(3))
                .withSyncTimeout(Duration.ZERO).withFailurePolicy(FailurePolicy.PARK).withRetry(RetryPolicy.defaults());
        assertEquals(42, options.startAfter());
    }

    @Test
    void negativeStartAfterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SubscriptionOptions.defaults().withStartAfter(-1));
    }
}
