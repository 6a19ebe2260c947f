package org.jeventstore.subscription;

/** What a dispatcher or subscription does with a commit its handler keeps failing on, retries exhausted. */
public enum FailurePolicy {

    /**
     * Stop delivering: the subscription stops with {@link Subscription#failure()} set, and resumes from that
     * commit when started again. Nothing is skipped.
     */
    STOP,

    /**
     * Park the commit in the subscription's dead-letter list ({@link Subscription#parked()}, durable for named
     * subscriptions) and go on with the next; {@link Subscription#redeliver(long)} delivers it again later.
     */
    PARK
}
