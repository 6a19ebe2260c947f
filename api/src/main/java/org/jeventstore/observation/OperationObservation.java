package org.jeventstore.observation;

/**
 * One {@link Operation} in progress, as returned by {@link StoreObserver#start}. The store ends it exactly
 * once: {@link #succeeded()} or {@link #failed(Throwable)}.
 */
public interface OperationObservation {

    /** The operation ended normally. */
    void succeeded();

    /**
     * The operation ended with {@code failure}, which the caller gets next; {@link Outcome#of(Throwable)} tells
     * an expected refusal (conflict, duplicate, veto) from an error.
     */
    void failed(Throwable failure);

    /** An observation that does nothing. */
    static OperationObservation none() {
        return Nothing.INSTANCE;
    }
}
