package org.jeventstore.micrometer;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jeventstore.EventStore;
import org.jeventstore.observation.Operation;
import org.jeventstore.observation.OperationObservation;
import org.jeventstore.observation.StoreObserver;
import org.jeventstore.observation.SubscriptionObserver;
import org.jeventstore.subscription.Subscription;

/** The observer {@link JEventStoreObservation} makes: see there for what it reports. */
final class MicrometerStoreObserver implements StoreObserver {

    static final String OPERATION = "jeventstore.operation";
    static final String SYSTEM = "db.system.name";
    /** Not {@code db.operation.name}: the span is the library's operation, the driver's spans are the database calls. */
    static final String OPERATION_NAME = "jeventstore.operation.name";
    static final String ANONYMOUS = "anonymous";

    private final ObservationRegistry observations;
    /** Null when only observations are reported. */
    private final MeterRegistry meters;
    private final Duration lagRefresh;
    private final AtomicBoolean opened = new AtomicBoolean();
    /** The groups of live subscriptions by key value; guarded by itself. */
    private final Map<String, SubscriptionGroup> groups = new HashMap<>();
    private volatile String system = "unknown";
    /** The keys of each operation, made once: a commit allocates no key of its own. */
    private volatile Map<Operation, KeyValues> keys = keys("unknown");
    private volatile StoreLag lag;

    MicrometerStoreObserver(ObservationRegistry observations, MeterRegistry meters, Duration lagRefresh) {
        this.observations = observations;
        this.meters = meters;
        this.lagRefresh = lagRefresh;
    }

    @Override
    public void opened(EventStore store, String engine) {
        if (!opened.compareAndSet(false, true)) {
            throw new IllegalStateException("This observer already watches a store: make one per store with "
                    + "JEventStoreObservation.observer(...)");
        }
        system = dbSystem(engine);
        keys = keys(system);
        if (meters != null) {
            lag = new StoreLag(store, lagRefresh, meters.config().clock());
        }
    }

    /**
     * The OpenTelemetry {@code db.system.name} of an engine where the conventions name its backend (the JDBC
     * engine reports the database itself, which the conventions name alike); otherwise the engine's name.
     */
    static String dbSystem(String engine) {
        return switch (engine) {
            case "mongodb+srv", "mongo" -> "mongodb";
            case "dynamodb" -> "aws.dynamodb";
            default -> engine;
        };
    }

    private static Map<Operation, KeyValues> keys(String system) {
        Map<Operation, KeyValues> keys = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            keys.put(operation, KeyValues.of(SYSTEM, system, OPERATION_NAME, operation.operationName()));
        }
        return keys;
    }

    @Override
    public OperationObservation start(Operation operation) {
        StoreLag current = lag;
        if (current != null && current.isReadingOnThisThread()) {
            // The lag gauges' own reads of the feed are not the application's operations.
            return OperationObservation.none();
        }
        Observation observation = Observation.createNotStarted(OPERATION, observations)
                .contextualName(operation.operationName())
                .lowCardinalityKeyValues(keys.get(operation))
                .start();
        if (operation.lazy()) {
            return new OperationHandle(observation, null);
        }
        Observation.Scope enclosing = observations.getCurrentObservationScope();
        try {
            return new OperationHandle(observation, observation.openScope());
        } catch (RuntimeException | Error e) {
            // A handler failed after the scope became current; the store gets no handle to end it with: put the
            // thread's scope back and stop the observation here, so that neither is left behind.
            try {
                observations.setCurrentObservationScope(enclosing);
                observation.error(e);
            } finally {
                observation.stop();
            }
            throw e;
        }
    }

    @Override
    public SubscriptionObserver subscribed(Subscription subscription) {
        if (meters == null) {
            return SubscriptionObserver.none();
        }
        // A named subscription called "anonymous" keeps a group of its own, though its meters share the key value.
        String key = subscription.name().map(name -> "named:" + name).orElse(ANONYMOUS);
        synchronized (groups) {
            SubscriptionGroup group = groups.computeIfAbsent(key, k -> new SubscriptionGroup(
                    subscription.name().orElse(ANONYMOUS), subscription.name().isEmpty(), system, meters, lag));
            return group.add(subscription, member -> forget(key, group, member));
        }
    }

    /** Removes every gauge, kept ones included, and stops the lag's thread: nothing keeps the store reachable. */
    @Override
    public void closed() {
        StoreLag current = lag;
        if (current != null) {
            current.close();
        }
        synchronized (groups) {
            groups.values().forEach(SubscriptionGroup::removeGauges);
            groups.clear();
        }
    }

    /** Drops a stopped subscription; its group's gauges go with the last one, so no series outlives them. */
    private void forget(String key, SubscriptionGroup group, SubscriptionGroup.Member member) {
        synchronized (groups) {
            if (group.remove(member)) {
                groups.remove(key, group);
            }
        }
    }
}
