package org.jeventstore;

/** The dispatcher a builder was given: its position name, handler, mode and options. */
record DispatchConfig(String name, CommitHandler handler, DispatchMode mode, SubscriptionOptions options) {
}
