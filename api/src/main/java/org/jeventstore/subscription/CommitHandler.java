package org.jeventstore.subscription;

import org.jeventstore.Commit;

/**
 * Receives commits from a dispatcher or a subscription, one at a time, in checkpoint order.
 *
 * <p>Delivery is at least once: after a failure or a crash a commit may be delivered again, so a handler must
 * be idempotent — {@link Commit#commitId()} (unique within its stream) or {@link Commit#checkpoint()} tells
 * a redelivery apart. A handler that throws is retried with back-off, then handled by the
 * {@link FailurePolicy} of its {@link SubscriptionOptions}.
 */
@FunctionalInterface
public interface CommitHandler {

    void handle(Commit commit) throws Exception;
}
