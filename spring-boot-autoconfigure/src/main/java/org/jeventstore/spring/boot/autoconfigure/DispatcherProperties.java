package org.jeventstore.spring.boot.autoconfigure;

import java.time.Duration;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.SubscriptionOptions;

/** The dispatcher's options, bound from {@code jeventstore.dispatcher.*}. */
public class DispatcherProperties extends SubscriptionProperties {

    /** The name of the dispatcher's durable position; give each application dispatching to one storage its own. */
    private String name = "dispatcher";

    /** Whether commitChanges waits for the dispatch (synchronous) or a background worker delivers (asynchronous). */
    private DispatchMode mode = DispatchMode.ASYNCHRONOUS;

    /** For a synchronous dispatcher, how long a commit waits for its dispatch before commitChanges returns anyway. */
    private Duration syncTimeout = Duration.ofSeconds(30);

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public DispatchMode getMode() {
        return mode;
    }

    public void setMode(DispatchMode mode) {
        this.mode = mode;
    }

    public Duration getSyncTimeout() {
        return syncTimeout;
    }

    public void setSyncTimeout(Duration syncTimeout) {
        this.syncTimeout = syncTimeout;
    }

    @Override
    SubscriptionOptions toOptions() {
        return super.toOptions().withSyncTimeout(syncTimeout);
    }
}
