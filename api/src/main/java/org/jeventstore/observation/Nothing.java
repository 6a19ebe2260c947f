package org.jeventstore.observation;

/** The observer, operation and subscription observer that do nothing. */
enum Nothing implements StoreObserver, OperationObservation, SubscriptionObserver {
    INSTANCE;

    @Override
    public void succeeded() {
    }

    @Override
    public void failed(Throwable failure) {
    }
}
