package org.jeventstore.spring.boot.autoconfigure;

import java.time.Duration;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.SubscriptionOptions;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The options of one subscription, bound from {@code jeventstore.subscriptions.<name>.*}; the defaults are
 * those of {@link SubscriptionOptions#defaults()}.
 */
public class SubscriptionProperties {

    /** How a failing handler is retried. */
    @NestedConfigurationProperty
    private final Retry retry = new Retry();

    /** What happens to a commit once the retries are exhausted: stop the subscription, or park the commit. */
    private FailurePolicy onFailure = FailurePolicy.STOP;

    /** How often an idle subscription looks for commits written by other processes. */
    private Duration pollInterval = Duration.ofMillis(500);

    /**
     * How long another process running the same name waits for this one's lease to be renewed before it
     * takes over.
     */
    private Duration leaseTimeout = Duration.ofSeconds(15);

    public Retry getRetry() {
        return retry;
    }

    public FailurePolicy getOnFailure() {
        return onFailure;
    }

    public void setOnFailure(FailurePolicy onFailure) {
        this.onFailure = onFailure;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLeaseTimeout() {
        return leaseTimeout;
    }

    public void setLeaseTimeout(Duration leaseTimeout) {
        this.leaseTimeout = leaseTimeout;
    }

    /** These properties as options; the record checks them (a zero poll interval is refused here). */
    SubscriptionOptions toOptions() {
        return SubscriptionOptions.defaults()
                .withRetry(new RetryPolicy(retry.maxAttempts, retry.initialBackoff, retry.maxBackoff))
                .withFailurePolicy(onFailure)
                .withPollInterval(pollInterval)
                .withLeaseTimeout(leaseTimeout);
    }

    /** The {@link RetryPolicy}: attempts, and a wait doubling from the initial back-off up to the longest. */
    public static class Retry {

        /** Calls of the handler for one commit before the failure policy applies, 1 or more. */
        private int maxAttempts = 5;

        /** The wait after the first failure. */
        private Duration initialBackoff = Duration.ofMillis(100);

        /** The longest wait between two attempts. */
        private Duration maxBackoff = Duration.ofSeconds(5);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }
}
