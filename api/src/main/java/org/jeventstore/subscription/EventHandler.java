package org.jeventstore.subscription;

/** Handles one kind of event, with the commit it came in at hand. See {@link EventRouter}. */
@FunctionalInterface
public interface EventHandler<T> {

    void handle(T event, EventContext context) throws Exception;
}
