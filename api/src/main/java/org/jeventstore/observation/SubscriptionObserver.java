package org.jeventstore.observation;

/**
 * What one subscription (or the dispatcher) tells its observer, on its worker thread (but see
 * {@link #stopped()}), as returned by
 * {@link StoreObserver#subscribed}. Every method has a default that does nothing. The position, the failure
 * that stopped it and its name are read from the {@code Subscription} itself, which the observer was handed.
 */
public interface SubscriptionObserver {

    /** The handler returned normally for the commit at {@code checkpoint} (a redelivery of a parked one included). */
    default void delivered(long checkpoint) {
    }

    /** The handler threw {@code failure} on the commit at {@code checkpoint}, in attempt {@code attempt} (from 1). */
    default void handlerFailed(long checkpoint, int attempt, Throwable failure) {
    }

    /** The commit at {@code checkpoint} is about to be handed to the handler again, in attempt {@code attempt} (from 2). */
    default void retrying(long checkpoint, int attempt) {
    }

    /** The commit at {@code checkpoint} was parked: the handler failed on every attempt. */
    default void parked(long checkpoint) {
    }

    /**
     * A named subscription stored {@code checkpoint} as its position, after a page or a second of handling.
     * The last save, as it stops, is not told: {@link #stopped()} follows it.
     */
    default void positionStored(long checkpoint) {
    }

    /**
     * The subscription stopped: it was closed, or a failure stopped it. Nothing follows; an observer forgets
     * the subscription here (an anonymous subscription that is not forgotten keeps its meters forever).
     *
     * <p>Usually called on the worker; but when a handler does not return within the close grace, the
     * closing thread gives up on it and calls this itself. The worker left in the handler tells this observer
     * nothing more, though a call it had begun just before may still be running.
     */
    default void stopped() {
    }

    /** An observer that does nothing. */
    static SubscriptionObserver none() {
        return Nothing.INSTANCE;
    }
}
