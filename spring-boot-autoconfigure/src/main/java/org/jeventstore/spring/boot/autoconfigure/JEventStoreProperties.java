package org.jeventstore.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** The auto-configured store, bound from {@code jeventstore.*}. */
@ConfigurationProperties("jeventstore")
public class JEventStoreProperties {

    /**
     * The store URI, choosing the engine among those on the class path: memory:, jdbc:sqlite:target/app.db,
     * jdbc:postgresql://host/db, mongodb://host/db, dynamodb://..., azure-tables://...
     */
    private String uri = "memory:";

    /** How many commits each round trip of a read fetches. */
    private int pageSize = 128;

    /**
     * How long closing the store waits for each subscription's handler to finish the commit in hand before
     * interrupting it.
     */
    private Duration closeGrace = Duration.ofSeconds(10);

    /** The event and snapshot classes registered under their @EventType names. */
    private final EventTypes eventTypes = new EventTypes();

    /** The dispatcher: the @EventStoreDispatcher bean's position name, mode and options. */
    @NestedConfigurationProperty
    private final DispatcherProperties dispatcher = new DispatcherProperties();

    /** The options of the @EventStoreSubscription beans, by subscription name. */
    private final Map<String, SubscriptionProperties> subscriptions = new LinkedHashMap<>();

    /** The health indicator's thresholds. */
    private final Health health = new Health();

    /** Metrics and traces through jeventstore-micrometer, when it and an ObservationRegistry are present. */
    private final Observation observation = new Observation();

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public Duration getCloseGrace() {
        return closeGrace;
    }

    public void setCloseGrace(Duration closeGrace) {
        this.closeGrace = closeGrace;
    }

    public EventTypes getEventTypes() {
        return eventTypes;
    }

    public DispatcherProperties getDispatcher() {
        return dispatcher;
    }

    public Map<String, SubscriptionProperties> getSubscriptions() {
        return subscriptions;
    }

    public Health getHealth() {
        return health;
    }

    public Observation getObservation() {
        return observation;
    }

    /** Which classes are registered as event types. */
    public static class EventTypes {

        /**
         * Packages scanned for classes annotated with @EventType. Unless set, the application's own packages
         * (those of @SpringBootApplication, as for JPA entities) are scanned.
         */
        private List<String> packages = new ArrayList<>();

        /** Classes annotated with @EventType registered beside the scanned ones. */
        private List<Class<?>> classes = new ArrayList<>();

        /** Whether to scan for @EventType classes at all; with false only the listed classes are registered. */
        private boolean scan = true;

        public List<String> getPackages() {
            return packages;
        }

        public void setPackages(List<String> packages) {
            this.packages = packages;
        }

        public List<Class<?>> getClasses() {
            return classes;
        }

        public void setClasses(List<Class<?>> classes) {
            this.classes = classes;
        }

        public boolean isScan() {
            return scan;
        }

        public void setScan(boolean scan) {
            this.scan = scan;
        }
    }

    /** When the health indicator reports a subscription as lagging. */
    public static class Health {

        /**
         * The checkpoints a running subscription may be behind the store's head before the health indicator
         * reports it OUT_OF_SERVICE; unset, lag is reported in the details but never changes the status.
         */
        private Long maxLag;

        public Long getMaxLag() {
            return maxLag;
        }

        public void setMaxLag(Long maxLag) {
            this.maxLag = maxLag;
        }
    }

    /** The Micrometer observer of the store. */
    public static class Observation {

        /**
         * Whether the store reports its operations to the ObservationRegistry and its subscriptions to the
         * MeterRegistry, when jeventstore-micrometer is on the class path and an ObservationRegistry bean exists.
         */
        private boolean enabled = true;

        /**
         * The least time between two reads of the store's head and of a subscription's oldest undelivered commit
         * by the lag gauges' background reader, however often they are scraped; below 10 ms means 10 ms.
         */
        private Duration lagRefresh = Duration.ofSeconds(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getLagRefresh() {
            return lagRefresh;
        }

        public void setLagRefresh(Duration lagRefresh) {
            this.lagRefresh = lagRefresh;
        }
    }
}
