package org.jeventstore.engine.mongo;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.jeventstore.EventStore;
import org.jeventstore.subscription.SubscriptionOptions;

/**
 * The process {@link CrashLoopTest} kills: a named subscription over a store URI whose handler takes a given
 * time per commit, running until the process dies. Arguments: store URI, subscription name, milliseconds per
 * commit.
 */
final class SlowSubscriber {

    private SlowSubscriber() {
    }

    public static void main(String[] args) throws InterruptedException {
        long millisPerCommit = Long.parseLong(args[2]);
        EventStore store = EventStore.builder().engine(args[0]).pageSize(128).build();
        // A killed process never releases its lease: the next one takes it over once this timeout has passed.
        store.subscribe(args[1], commit -> Thread.sleep(millisPerCommit),
                SubscriptionOptions.defaults().withLeaseTimeout(Duration.ofSeconds(1)));
        System.out.println("subscribed");
        // The subscription runs on a daemon thread: the main thread keeps the process alive until it is killed.
        new CountDownLatch(1).await();
    }
}
