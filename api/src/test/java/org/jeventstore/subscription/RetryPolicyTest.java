package org.jeventstore.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backOffDoublesFromTheInitialWaitUpToTheLongest() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350));
        assertEquals(Duration.ofMillis(100), policy.backoff(1));
        assertEquals(Duration.ofMillis(200), policy.backoff(2));
        assertEquals(Duration.ofMillis(350), policy.backoff(3));
        assertEquals(Duration.ofMillis(350), policy.backoff(1000));
    }

    @Test
    void backOffTowardsALongestWaitBeyondTheNanosecondRangeNeverOverflows() {
        Duration forever = ChronoUnit.FOREVER.getDuration();
        RetryPolicy policy = new RetryPolicy(1, Duration.ofSeconds(1), forever);
        assertEquals(Duration.ofSeconds(1L << 40), policy.backoff(41));
        assertEquals(forever, policy.backoff(Integer.MAX_VALUE));
    }
}
