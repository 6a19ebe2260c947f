/**
 * Metrics and traces of a JEventStore store through Micrometer: {@link
 * org.jeventstore.micrometer.JEventStoreObservation} makes the store observer to register with
 * {@code EventStoreBuilder.observer(...)}.
 */
module org.jeventstore.micrometer {
    requires transitive org.jeventstore;
    requires transitive micrometer.observation;
    requires transitive micrometer.core;
    requires micrometer.commons;

    exports org.jeventstore.micrometer;
}
