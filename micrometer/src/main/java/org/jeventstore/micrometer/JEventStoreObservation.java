package org.jeventstore.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;
import org.jeventstore.observation.StoreObserver;

/**
 * Makes the {@link StoreObserver} that reports a store to Micrometer; register it with
 * {@code EventStoreBuilder.observer(...)}:
 *
 * <pre>{@code
 * EventStore store = EventStore.builder()
 *     .engine("mongodb://localhost/shop")
 *     .observer(JEventStoreObservation.observer(observationRegistry, meterRegistry))
 *     .build();
 * }</pre>
 *
 * <p>Every operation of the store is an {@code Observation} named {@code jeventstore.operation}, with the
 * low-cardinality keys {@code db.system.name} (the engine), {@code jeventstore.operation.name} ({@code commit},
 * {@code open_stream}, {@code read_stream}, {@code read_feed}, {@code read_feed_page}, {@code read_snapshot},
 * {@code add_snapshot}) and {@code jeventstore.outcome} ({@code ok}, {@code conflict}, {@code duplicate},
 * {@code vetoed}, {@code not_found}, {@code unavailable}, {@code invalid}, {@code error}), and on a failure the
 * high-cardinality {@code error.type} (the exception's class name): a {@code DefaultMeterObservationHandler} on
 * the registry turns them into timers, a tracing bridge into spans. Each subscription and the dispatcher, given a
 * {@link MeterRegistry}, has counters {@code jeventstore.subscription.deliveries}, {@code .failures},
 * {@code .retries}, {@code .parked} and gauges {@code jeventstore.subscription.position},
 * {@code .position.stored}, {@code .lag} (checkpoints between the store's head and the position) and
 * {@code .undelivered.age} (seconds since the oldest commit not yet delivered was stamped; 0 when caught
 * up), keyed by {@code db.system.name} and {@code jeventstore.subscription}: the subscription's name, or
 * {@code anonymous} for all the unnamed subscriptions of a store together. A subscription's gauges are removed
 * when it is closed (the counters stay); a named one stopped by a failure keeps them, its lag growing, until one
 * of its name starts again, or the store closes, which removes them all. The lag gauges return what a daemon
 * thread of the observer read last; a scrape never reads the backend. No key ever holds a stream id, a bucket id
 * or a commit id.
 *
 * <p>One observer watches one store: make one per store. Two stores reporting to one {@link MeterRegistry}
 * should give their subscriptions different names (a gauge of one name reports the store that registered it
 * first).
 */
public final class JEventStoreObservation {

    /** How often the lag gauges' thread reads the store's head and the oldest undelivered commits. */
    public static final Duration DEFAULT_LAG_REFRESH = Duration.ofSeconds(1);

    private JEventStoreObservation() {
    }

    /** Operations as observations only: no subscription meters. */
    public static StoreObserver observer(ObservationRegistry observations) {
        return new MicrometerStoreObserver(Objects.requireNonNull(observations, "observations"), null,
                DEFAULT_LAG_REFRESH);
    }

    /** Operations as observations, subscriptions as meters, the lag read at most once a {@link #DEFAULT_LAG_REFRESH second}. */
    public static StoreObserver observer(ObservationRegistry observations, MeterRegistry meters) {
        return observer(observations, meters, DEFAULT_LAG_REFRESH);
    }

    /**
     * Operations as observations, subscriptions as meters.
     *
     * @param lagRefresh the time between two reads, on the observer's own daemon thread, of the store's head
     *                   (one indexed lookup) and of the oldest undelivered commit of each subscription behind it
     *                   (one commit read) for the lag gauges; less than 10 ms (zero included) is 10 ms
     */
    public static StoreObserver observer(ObservationRegistry observations, MeterRegistry meters,
                                         Duration lagRefresh) {
        Objects.requireNonNull(lagRefresh, "lagRefresh");
        if (lagRefresh.isNegative()) {
            throw new IllegalArgumentException("lagRefresh must not be negative: " + lagRefresh);
        }
        return new MicrometerStoreObserver(Objects.requireNonNull(observations, "observations"),
                Objects.requireNonNull(meters, "meters"), lagRefresh);
    }
}
