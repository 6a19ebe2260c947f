package org.jeventstore.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jeventstore.spring.boot.autoconfigure.Polling.await;
import static org.jeventstore.spring.boot.autoconfigure.Polling.commit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jeventstore.EventStore;
import org.jeventstore.spring.boot.autoconfigure.events.CartOpened;
import org.jeventstore.subscription.Subscription;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class JEventStoreActuatorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JEventStoreAutoConfiguration.class,
                    JEventStoreHealthAutoConfiguration.class, JEventStoreEndpointAutoConfiguration.class))
            .withUserConfiguration(Handlers.class)
            .withPropertyValues("management.endpoints.web.exposure.include=jeventstore",
                    "jeventstore.subscriptions.projection.on-failure=park",
                    "jeventstore.subscriptions.projection.retry.max-attempts=1",
                    "jeventstore.subscriptions.strict.retry.max-attempts=1");

    @Test
    void healthIsUpWithEachSubscriptionsPositionAndLag() {
        runner.run(context -> {
            EventStore store = context.getBean(EventStore.class);
            long checkpoint = commit(store, "cart-1", new CartOpened("cart-1"));
            awaitAll(context, checkpoint);
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("head", checkpoint);
            assertThat(states(health)).containsOnlyKeys("dispatcher", "projection", "strict")
                    .containsEntry("projection", new SubscriptionState("running", checkpoint, 0L, null));
        });
    }

    @Test
    void aSubscriptionStoppedByItsFailureIsDownWithTheFailure() {
        runner.run(context -> {
            EventStore store = context.getBean(EventStore.class);
            context.getBean("strict", RecordingHandler.class).failing = true;
            long checkpoint = commit(store, "cart-1", new CartOpened("cart-1"));
            Subscription strict = context.getBean(EventStoreSubscriptions.class).find("strict").orElseThrow();
            await("the strict subscription stops", () -> !strict.isRunning());
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            SubscriptionState state = states(health).get("strict");
            assertThat(state.state()).isEqualTo("stopped");
            assertThat(state.position()).isZero();
            assertThat(state.lag()).isEqualTo(checkpoint);
            assertThat(state.failure()).contains("handler refuses checkpoint " + checkpoint);
        });
    }

    @Test
    void aClosedSubscriptionIsOutOfService() {
        runner.run(context -> {
            context.getBean(EventStoreSubscriptions.class).find("projection").orElseThrow().close();
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(states(health).get("projection").state()).isEqualTo("closed");
        });
    }

    @Test
    void aSubscriptionLaggingBeyondTheThresholdIsOutOfServiceUntilItCatchesUp() {
        runner.withPropertyValues("jeventstore.health.max-lag=1").run(context -> {
            EventStore store = context.getBean(EventStore.class);
            RecordingHandler dispatcher = context.getBean("bus", RecordingHandler.class);
            dispatcher.block();
            commit(store, "cart-1", new CartOpened("cart-1"));
            commit(store, "cart-2", new CartOpened("cart-2"));
            long last = commit(store, "cart-3", new CartOpened("cart-3"));
            Subscription others = context.getBean(EventStoreSubscriptions.class).find("projection").orElseThrow();
            assertThat(others.awaitPosition(last, Duration.ofSeconds(10))).isTrue();

            Health lagging = health(context);
            assertThat(lagging.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(lagging.getDetails()).containsEntry("maxLag", 1L);
            SubscriptionState state = states(lagging).get("dispatcher");
            assertThat(state.state()).isEqualTo("running");
            assertThat(state.lag()).isEqualTo(last - state.position()).isGreaterThan(1);

            dispatcher.release();
            Subscription bus = store.dispatcher().orElseThrow();
            assertThat(bus.awaitPosition(last, Duration.ofSeconds(10))).isTrue();
            awaitAll(context, last);
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void anEngineThatCannotBeReadIsDown() {
        runner.run(context -> {
            context.getBean(EventStore.class).close();
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("error")).asString().contains("IllegalStateException");
        });
    }

    @Test
    void theEndpointListsPositionsAndParkedCommitsAndRedeliversOne() throws Exception {
        runner.run(context -> {
            EventStore store = context.getBean(EventStore.class);
            EventStoreEndpoint endpoint = context.getBean(EventStoreEndpoint.class);
            RecordingHandler projection = context.getBean("projection", RecordingHandler.class);
            projection.failing = true;
            long parked = commit(store, "cart-1", new CartOpened("cart-1"));
            Subscription subscribed = context.getBean(EventStoreSubscriptions.class).find("projection").orElseThrow();
            assertThat(subscribed.awaitPosition(parked, Duration.ofSeconds(10))).isTrue();
            projection.failing = false;
            long handled = commit(store, "cart-2", new CartOpened("cart-2"));
            awaitAll(context, handled);

            EventStoreEndpoint.StoreReport report = endpoint.report();
            assertThat(report.head()).isEqualTo(handled);
            EventStoreEndpoint.SubscriptionReport subscription = report.subscriptions().get("projection");
            assertThat(subscription.durable()).isTrue();
            assertThat(subscription.parked()).containsExactly(parked);
            assertThat(subscription.status().position()).isEqualTo(handled);
            assertThat(endpoint.subscription("projection")).isEqualTo(subscription);
            assertThat(endpoint.subscription("nobody")).isNull();
            assertThat(projection.handled).containsExactly(handled);

            assertThat(endpoint.redeliver("projection", handled))
                    .isEqualTo(new EventStoreEndpoint.Redelivery(handled, false, null, List.of(parked)));
            projection.failing = true;
            EventStoreEndpoint.Redelivery failed = endpoint.redeliver("projection", parked);
            assertThat(failed.redelivered()).isFalse();
            assertThat(failed.failure()).contains("handler refuses checkpoint " + parked);
            assertThat(failed.parked()).containsExactly(parked);
            projection.failing = false;
            assertThat(endpoint.redeliver("projection", parked))
                    .isEqualTo(new EventStoreEndpoint.Redelivery(parked, true, null, List.of()));
            assertThat(projection.handled).containsExactly(handled, parked);
            assertThat(endpoint.redeliver("nobody", parked)).isNull();
        });
    }

    @Test
    void theRedeliveryKeepsItsParameterNamesForTheActuatorToBindTheRequestBody() throws NoSuchMethodException {
        assertThat(EventStoreEndpoint.class.getMethod("redeliver", String.class, long.class).getParameters())
                .extracting(java.lang.reflect.Parameter::getName).containsExactly("name", "checkpoint");
    }

    @Test
    void withoutTheActuatorTheStoreStandsAlone() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, Endpoint.class)).run(context -> {
            assertThat(context).hasSingleBean(EventStore.class).doesNotHaveBean(HealthIndicator.class)
                    .doesNotHaveBean(EventStoreEndpoint.class);
        });
    }

    @Test
    void theHealthIndicatorAndEndpointCanBeTurnedOff() {
        runner.withPropertyValues("management.health.jeventstore.enabled=false",
                "management.endpoints.web.exposure.include=health").run(context -> {
            assertThat(context).hasSingleBean(EventStore.class).doesNotHaveBean(HealthIndicator.class)
                    .doesNotHaveBean(EventStoreEndpoint.class);
        });
    }

    private static void awaitAll(AssertableApplicationContext context, long checkpoint) throws InterruptedException {
        for (Subscription subscription : context.getBean(EventStoreSubscriptions.class).all().values()) {
            assertThat(subscription.awaitPosition(checkpoint, Duration.ofSeconds(10))).isTrue();
        }
    }

    private static Health health(AssertableApplicationContext context) {
        return context.getBean("jeventstoreHealthIndicator", HealthIndicator.class).health(true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, SubscriptionState> states(Health health) {
        return (Map<String, SubscriptionState>) health.getDetails().get("subscriptions");
    }

    @Configuration(proxyBeanMethods = false)
    static class Handlers {

        @Bean
        @EventStoreDispatcher
        RecordingHandler bus() {
            return new RecordingHandler();
        }

        @Bean
        @EventStoreSubscription("projection")
        RecordingHandler projection() {
            return new RecordingHandler();
        }

        @Bean
        @EventStoreSubscription("strict")
        RecordingHandler strict() {
            return new RecordingHandler();
        }
    }
}
