package org.jeventstore.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jeventstore.spring.boot.autoconfigure.Polling.await;
import static org.jeventstore.spring.boot.autoconfigure.Polling.commit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jeventstore.EventStore;
import org.jeventstore.micrometer.JEventStoreObservation;
import org.jeventstore.spring.boot.autoconfigure.events.CartOpened;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Micrometer observer wired into the auto-configured store when jeventstore-micrometer and the registries are there. */
class JEventStoreObservationTest {

    private static final String CUSTOMIZER = "jeventstoreObservationCustomizer";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JEventStoreAutoConfiguration.class));

    private final ApplicationContextRunner withRegistries = runner
            .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
            .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void aCommitThroughTheAutoConfiguredStoreIsObserved() {
        withRegistries.run(context -> {
            assertThat(context).hasBean(CUSTOMIZER);
            commit(context.getBean(EventStore.class), "cart-1", new CartOpened("cart-1"));
            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasAnObservation(observation -> observation
                            .hasNameEqualTo("jeventstore.operation")
                            .hasContextualNameEqualTo("commit")
                            .hasLowCardinalityKeyValue("db.system.name", "memory")
                            .hasLowCardinalityKeyValue("jeventstore.operation.name", "commit")
                            .hasLowCardinalityKeyValue("jeventstore.outcome", "ok"));
        });
    }

    @Test
    void aSubscriptionBeanHasItsDeliveriesCounterAndLagGauge() {
        withRegistries.withUserConfiguration(Projection.class)
                .withPropertyValues("jeventstore.observation.lag-refresh=0s")
                .run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    EventStore store = context.getBean(EventStore.class);
                    commit(store, "cart-1", new CartOpened("cart-1"));
                    commit(store, "cart-2", new CartOpened("cart-2"));
                    await("two deliveries counted", () -> deliveries(meters, "projection") == 2);
                    await("the lag falls to 0", () -> lag(meters, "projection").value() == 0);
                });
    }

    @Test
    void theLagRefreshPropertyReachesTheObserver() {
        // The handler is blocked, so the position stays 0: only the head the gauge last read moves the lag.
        for (String refresh : new String[] {"0s", "1h"}) {
            withRegistries.withUserConfiguration(Projection.class)
                    .withPropertyValues("jeventstore.observation.lag-refresh=" + refresh)
                    .run(context -> {
                        MeterRegistry meters = context.getBean(MeterRegistry.class);
                        RecordingHandler projection = context.getBean(RecordingHandler.class);
                        projection.block();
                        try {
                            assertThat(lag(meters, "projection").value()).isZero();
                            commit(context.getBean(EventStore.class), "cart-1", new CartOpened("cart-1"));
                            if (refresh.equals("0s")) {
                                // the shortest refresh (10 ms): the background read sees the new head soon
                                await("the lag reads 1", () -> lag(meters, "projection").value() == 1);
                            } else {
                                assertThat(lag(meters, "projection").value()).as("lag with refresh " + refresh)
                                        .isZero();
                            }
                        } finally {
                            projection.release();
                        }
                    });
        }
    }

    @Test
    void aNegativeLagRefreshIsRefusedAtStartup() {
        withRegistries.withPropertyValues("jeventstore.observation.lag-refresh=-1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("lagRefresh must not be negative");
        });
    }

    @Test
    void withoutAMeterRegistryOnlyOperationsAreObserved() {
        runner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                .withUserConfiguration(Projection.class).run(context -> {
                    assertThat(context).hasBean(CUSTOMIZER).doesNotHaveBean(MeterRegistry.class);
                    long checkpoint = commit(context.getBean(EventStore.class), "cart-1", new CartOpened("cart-1"));
                    RecordingHandler projection = context.getBean(RecordingHandler.class);
                    await("the projection handles the commit", () -> projection.handled.contains(checkpoint));
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasAnObservation(observation -> observation.hasNameEqualTo("jeventstore.operation")
                                    .hasLowCardinalityKeyValue("jeventstore.operation.name", "commit"));
                });
    }

    @Test
    void withoutAnObservationRegistryTheStoreHasNoObserverAndWorks() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).withUserConfiguration(Projection.class)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(CUSTOMIZER);
                    long checkpoint = commit(context.getBean(EventStore.class), "cart-1", new CartOpened("cart-1"));
                    RecordingHandler projection = context.getBean(RecordingHandler.class);
                    await("the projection handles the commit", () -> projection.handled.contains(checkpoint));
                    assertThat(context.getBean(MeterRegistry.class).find("jeventstore.subscription.deliveries")
                            .counters()).isEmpty();
                });
    }

    @Test
    void withoutTheMicrometerModuleTheContextStartsAndTheStoreWorks() {
        withRegistries.withClassLoader(new FilteredClassLoader(JEventStoreObservation.class))
                .withUserConfiguration(Projection.class).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(CUSTOMIZER);
                    long checkpoint = commit(context.getBean(EventStore.class), "cart-1", new CartOpened("cart-1"));
                    RecordingHandler projection = context.getBean(RecordingHandler.class);
                    await("the projection handles the commit", () -> projection.handled.contains(checkpoint));
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .doesNotHaveAnyObservation();
                });
    }

    @Test
    void thePropertyTurnsTheObserverOff() {
        withRegistries.withUserConfiguration(Projection.class)
                .withPropertyValues("jeventstore.observation.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(CUSTOMIZER);
                    long checkpoint = commit(context.getBean(EventStore.class), "cart-1", new CartOpened("cart-1"));
                    RecordingHandler projection = context.getBean(RecordingHandler.class);
                    await("the projection handles the commit", () -> projection.handled.contains(checkpoint));
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .doesNotHaveAnyObservation();
                    assertThat(context.getBean(MeterRegistry.class).find("jeventstore.subscription.deliveries")
                            .counters()).isEmpty();
                });
    }

    @Test
    void bootsOwnRegistriesAreFoundWhateverTheOrderTheAutoConfigurationsAreListedIn() {
        // Listed before Boot's: the runner sorts them as an application does, by their @AutoConfiguration order.
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JEventStoreAutoConfiguration.class,
                        ObservationAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, MetricsAutoConfiguration.class))
                .withUserConfiguration(Projection.class).run(context -> {
                    assertThat(context).hasSingleBean(ObservationRegistry.class).hasBean(CUSTOMIZER);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    commit(context.getBean(EventStore.class), "cart-1", new CartOpened("cart-1"));
                    await("the delivery counted in Boot's registry", () -> deliveries(meters, "projection") == 1);
                    assertThat(lag(meters, "projection")).isNotNull();
                });
    }

    private static double deliveries(MeterRegistry meters, String subscription) {
        Counter counter = meters.find("jeventstore.subscription.deliveries")
                .tag("jeventstore.subscription", subscription).counter();
        return counter == null ? -1 : counter.count();
    }

    private static Gauge lag(MeterRegistry meters, String subscription) {
        return meters.get("jeventstore.subscription.lag").tag("jeventstore.subscription", subscription).gauge();
    }

    @Configuration(proxyBeanMethods = false)
    static class Projection {

        @Bean
        @EventStoreSubscription("projection")
        RecordingHandler projection() {
            return new RecordingHandler();
        }
    }
}
