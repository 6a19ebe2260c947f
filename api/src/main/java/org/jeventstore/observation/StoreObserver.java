package org.jeventstore.observation;

import org.jeventstore.EventStore;
import org.jeventstore.subscription.Subscription;

/**
 * Watches one store: its operations with their outcomes, and its subscriptions. The one place to attach
 * metrics, tracing or logging; registered with {@code EventStoreBuilder.observer(...)}. The Micrometer module
 * ({@code jeventstore-micrometer}) is one; an OpenTelemetry or logging integration implements the same
 * interface. Every method has a default that does nothing, so an observer overrides only what it needs.
 *
 * <p>The store calls an observer on the thread doing the work: a committer's, a reader's, a subscription's
 * worker. Calls must be quick and thread-safe. An exception thrown by an observer, or by what it returns,
 * never breaks the operation: the store logs it ({@code System.Logger} {@code org.jeventstore.observation},
 * the first at WARNING, later ones at DEBUG) and goes on; only {@link #opened} may fail, and then
 * {@code build()} fails. A store built without an observer does none of this work: no call, no allocation.
 *
 * <p>One observer instance serves one store: {@link #opened} is called once, before anything else.
 */
public interface StoreObserver {

    /**
     * The store was built; it may be used from here on (its subscriptions start after this call).
     *
     * @param store  the store, for what an observer reads itself (such as the head checkpoint, to compute lag)
     * @param engine the engine's name: the store URI's scheme ({@code memory}, {@code mongodb},
     *               {@code dynamodb}, {@code azure-tables}), the sub-protocol of a {@code jdbc:} URI
     *               ({@code postgresql}, {@code mariadb}, {@code mysql}, {@code sqlite}), or for an engine
     *               handed to the builder as an object its simple class name in lower case without the
     *               {@code Engine} suffix ({@code MemoryEngine} is {@code memory}), {@code other} when that
     *               leaves nothing (an anonymous class)
     */
    default void opened(EventStore store, String engine) {
    }

    /**
     * An operation starts on the calling thread. The store ends the returned observation exactly once: on this
     * thread, or — for a {@link Operation#lazy() lazy} read — when its stream ends. Nothing identifies the
     * stream or bucket: an observer keeps to keys of few values.
     */
    default OperationObservation start(Operation operation) {
        return OperationObservation.none();
    }

    /**
     * A subscription, or the dispatcher, was started with {@code store.subscribe(...)} or the builder's
     * {@code dispatchTo}. Its {@code name()} is empty for an anonymous subscription. Called before its worker
     * starts; the returned observer hears of its work until {@link SubscriptionObserver#stopped()}.
     */
    default SubscriptionObserver subscribed(Subscription subscription) {
        return SubscriptionObserver.none();
    }

    /**
     * The store was closed: its subscriptions have stopped (see {@link SubscriptionObserver#stopped()}) and
     * its engine is closed. Nothing follows; an observer lets go of the store here (its gauges, a thread of
     * its own), so that nothing it registered elsewhere keeps the store reachable. Called once, on the thread
     * that closed the store.
     */
    default void closed() {
    }

    /** An observer that does nothing: what a store without one behaves as. */
    static StoreObserver none() {
        return Nothing.INSTANCE;
    }
}
