package org.jeventstore.subscription;

import org.jeventstore.EventStream;

/** When the dispatcher delivers a commit relative to {@link EventStream#commitChanges}. */
public enum DispatchMode {

    /**
     * {@code commitChanges} returns once the commit (and every earlier one) was delivered, or parked under
     * {@link FailurePolicy#PARK} — or, if delivery fails or takes longer than
     * {@link SubscriptionOptions#syncTimeout()}, once that is known: a dispatch failure never undoes a commit,
     * which is delivered later. Once a commit's wait timed out, later commits do not wait until the dispatcher
     * has caught up with it; no commit waits for a stopped dispatcher.
     */
    SYNCHRONOUS,

    /** A background worker delivers; {@code commitChanges} does not wait. */
    ASYNCHRONOUS
}
