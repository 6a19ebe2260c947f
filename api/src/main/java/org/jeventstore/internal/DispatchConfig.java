package org.jeventstore.internal;

import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.SubscriptionOptions;

/** The dispatcher a builder was given: its position name, handler, mode and options. */
public record DispatchConfig(String name, CommitHandler handler, DispatchMode mode, SubscriptionOptions options) {
}
