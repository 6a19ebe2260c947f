package org.jeventstore.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jeventstore.spring.boot.autoconfigure.Polling.await;
import static org.jeventstore.spring.boot.autoconfigure.Polling.commit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.CommitVetoedException;
import org.jeventstore.EventSerializer;
import org.jeventstore.EventStore;
import org.jeventstore.PipelineHook;
import org.jeventstore.RawEvent;
import org.jeventstore.spring.boot.autoconfigure.events.CartOpened;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class JEventStoreAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JEventStoreAutoConfiguration.class));

    @Test
    void withoutPropertiesTheStoreIsOnMemoryWithTheLibrarysDefaultOptions() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(EventStore.class).hasSingleBean(EventStoreSubscriptions.class);
            JEventStoreProperties properties = context.getBean(JEventStoreProperties.class);
            assertThat(properties.getUri()).isEqualTo("memory:");
            SubscriptionOptions defaults = SubscriptionOptions.defaults();
            assertThat(properties.getDispatcher().toOptions()).isEqualTo(defaults);
            assertThat(new SubscriptionProperties().toOptions()).isEqualTo(defaults);
            assertThat(properties.getDispatcher().getMode()).isEqualTo(DispatchMode.ASYNCHRONOUS);
            EventStore store = context.getBean(EventStore.class);
            assertThat(store.dispatcher()).isEmpty();
            long checkpoint = commit(store, "cart-1", new CartOpened("cart-1"));
            assertThat(checkpoint).isPositive();
        });
    }

    @Test
    void propertiesAreBoundIntoTheDispatcherAndSubscriptionOptions() {
        runner.withUserConfiguration(Handlers.class)
                .withPropertyValues("jeventstore.uri=memory:bound", "jeventstore.page-size=2",
                        "jeventstore.dispatcher.name=bus", "jeventstore.dispatcher.mode=synchronous",
                        "jeventstore.dispatcher.sync-timeout=2s", "jeventstore.dispatcher.retry.max-attempts=3",
                        "jeventstore.dispatcher.retry.initial-backoff=10ms",
                        "jeventstore.dispatcher.retry.max-backoff=20ms", "jeventstore.dispatcher.on-failure=park",
                        "jeventstore.dispatcher.poll-interval=50ms", "jeventstore.dispatcher.lease-timeout=3s",
                        "jeventstore.subscriptions.projection.poll-interval=40ms",
                        "jeventstore.subscriptions.projection.on-failure=park",
                        "jeventstore.subscriptions.projection.retry.max-attempts=1")
                .run(context -> {
                    JEventStoreProperties properties = context.getBean(JEventStoreProperties.class);
                    assertThat(properties.getUri()).isEqualTo("memory:bound");
                    assertThat(properties.getPageSize()).isEqualTo(2);
                    assertThat(properties.getDispatcher().toOptions()).isEqualTo(new SubscriptionOptions(
                            new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)), FailurePolicy.PARK,
                            Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(3)));
                    assertThat(properties.getSubscriptions().get("projection").toOptions()).isEqualTo(
                            SubscriptionOptions.defaults().withPollInterval(Duration.ofMillis(40))
                                    .withFailurePolicy(FailurePolicy.PARK)
                                    .withRetry(new RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(5))));

                    EventStore store = context.getBean(EventStore.class);
                    assertThat(store.dispatcher().flatMap(Subscription::name)).contains("bus");
                    // Synchronous: the dispatcher has the commit when commitChanges returns.
                    long checkpoint = commit(store, "cart-1", new CartOpened("cart-1"));
                    assertThat(context.getBean("bus", RecordingHandler.class).handled).containsExactly(checkpoint);

                    // The projection parks after one attempt, as bound.
                    RecordingHandler projection = context.getBean("projection", RecordingHandler.class);
                    Subscription subscription = context.getBean(EventStoreSubscriptions.class).find("projection")
                            .orElseThrow();
                    assertThat(subscription.awaitPosition(checkpoint, Duration.ofSeconds(10))).isTrue();
                    projection.failing = true;
                    long parked = commit(store, "cart-2", new CartOpened("cart-2"));
                    assertThat(subscription.awaitPosition(parked, Duration.ofSeconds(10))).isTrue();
                    assertThat(subscription.parked()).containsExactly(parked);
                    assertThat(subscription.isRunning()).isTrue();
                });
    }

    @Test
    void dispatcherAndSubscriptionsComeFromAnnotatedBeansOnClassesAndBeanMethods() {
        runner.withUserConfiguration(Handlers.class).withBean(AnnotatedClass.class).run(context -> {
            EventStore store = context.getBean(EventStore.class);
            EventStoreSubscriptions subscriptions = context.getBean(EventStoreSubscriptions.class);
            assertThat(subscriptions.all().keySet()).first().isEqualTo("dispatcher");
            assertThat(subscriptions.all()).containsOnlyKeys("dispatcher", "projection", "in-memory",
                    "annotated-class");
            assertThat(subscriptions.find("projection").orElseThrow().name()).contains("projection");
            assertThat(subscriptions.find("in-memory").orElseThrow().name()).isEmpty();

            long first = commit(store, "cart-1", new CartOpened("cart-1"));
            long second = commit(store, "cart-2", new CartOpened("cart-2"));
            for (String bean : List.of("bus", "projection", "memory")) {
                RecordingHandler handler = context.getBean(bean, RecordingHandler.class);
                await(bean + " handles both commits", () -> handler.handled.size() == 2);
                assertThat(handler.handled).containsExactly(first, second);
            }
            AnnotatedClass annotated = context.getBean(AnnotatedClass.class);
            await("the annotated class handles both", () -> annotated.handled.size() == 2);
        });
    }

    @Test
    void closingTheContextClosesSubscriptionsThenTheStoreAndANewContextResumesFromTheStoredPositions() {
        ApplicationContextRunner shared = runner.withUserConfiguration(Handlers.class)
                .withPropertyValues("jeventstore.uri=memory:resume");
        long[] acknowledged = new long[1];
        Subscription[] closedWithTheContext = new Subscription[3];
        EventStore[] firstStore = new EventStore[1];
        shared.run(context -> {
            EventStore store = context.getBean(EventStore.class);
            firstStore[0] = store;
            commit(store, "cart-1", new CartOpened("cart-1"));
            acknowledged[0] = commit(store, "cart-2", new CartOpened("cart-2"));
            List<Subscription> all = List.copyOf(context.getBean(EventStoreSubscriptions.class).all().values());
            for (Subscription subscription : all) {
                assertThat(subscription.awaitPosition(acknowledged[0], Duration.ofSeconds(10))).isTrue();
            }
            all.toArray(closedWithTheContext);
        });
        for (Subscription subscription : closedWithTheContext) {
            assertThat(subscription.isRunning()).isFalse();
            assertThat(subscription.failure()).isEmpty();
        }
        assertThatThrownBy(() -> firstStore[0].openStream("cart-1")).isInstanceOf(IllegalStateException.class);

        shared.run(context -> {
            EventStore store = context.getBean(EventStore.class);
            long next = commit(store, "cart-3", new CartOpened("cart-3"));
            for (String durable : List.of("bus", "projection")) {
                RecordingHandler handler = context.getBean(durable, RecordingHandler.class);
                await(durable + " handles the new commit", () -> handler.handled.contains(next));
                assertThat(handler.handled).containsExactly(next);
            }
            // The in-memory subscription starts from the beginning every time.
            RecordingHandler memory = context.getBean("memory", RecordingHandler.class);
            await("the in-memory subscription replays", () -> memory.handled.size() == 3);
            assertThat(memory.handled).hasSize(3).contains(acknowledged[0], next);
            store.advanced().drop();
        });
    }

    @Test
    void aStoppedAndRestartedContextResumesEverySubscriptionWithoutReplaying() {
        runner.withUserConfiguration(Handlers.class).run(context -> {
            EventStore store = context.getBean(EventStore.class);
            EventStoreSubscriptions subscriptions = context.getBean(EventStoreSubscriptions.class);
            long first = commit(store, "cart-1", new CartOpened("cart-1"));
            for (Subscription subscription : subscriptions.all().values()) {
                assertThat(subscription.awaitPosition(first, Duration.ofSeconds(10))).isTrue();
            }
            Subscription before = subscriptions.find("in-memory").orElseThrow();
            ConfigurableApplicationContext application = context.getSourceApplicationContext(
                    ConfigurableApplicationContext.class);
            application.stop();
            assertThat(before.isRunning()).isFalse();
            assertThat(subscriptions.all()).containsOnlyKeys("dispatcher");
            long whileStopped = commit(store, "cart-2", new CartOpened("cart-2"));
            application.start();

            long after = commit(store, "cart-3", new CartOpened("cart-3"));
            for (String bean : List.of("projection", "memory")) {
                RecordingHandler handler = context.getBean(bean, RecordingHandler.class);
                await(bean + " handles the commits after the restart", () -> handler.handled.contains(after));
                assertThat(handler.handled).containsExactly(first, whileStopped, after);
            }
        });
    }

    @Test
    void anEventStoreBeanOfTheApplicationWinsAndStillGetsTheAnnotatedSubscriptions() {
        runner.withUserConfiguration(OwnStore.class).run(context -> {
            assertThat(context).hasSingleBean(EventStore.class);
            EventStore store = context.getBean(EventStore.class);
            assertThat(store).isSameAs(context.getBean(OwnStore.class).store);
            long checkpoint = commit(store, "cart-1", new CartOpened("cart-1"));
            RecordingHandler projection = context.getBean(RecordingHandler.class);
            await("the subscription on the application's store", () -> projection.handled.contains(checkpoint));
        });
    }

    @Test
    void aDispatcherBeanBesideAnApplicationStoreWithoutDispatcherIsRefused() {
        runner.withUserConfiguration(OwnStore.class).withBean("bus", DispatcherBean.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("'bus' is @EventStoreDispatcher")
                    .hasMessageContaining("dispatchTo");
        });
    }

    @Test
    void twoDispatcherBeansAreRefused() {
        runner.withBean("one", DispatcherBean.class).withBean("two", DispatcherBean.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("one dispatcher")
                    .hasMessageContaining("[one, two]");
        });
    }

    @Test
    void subscriptionPropertiesNamingNoBeanAreRefused() {
        runner.withUserConfiguration(Handlers.class)
                .withPropertyValues("jeventstore.subscriptions.projektion.poll-interval=1s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("[projektion]")
                            .hasMessageContaining("projection");
                });
    }

    @Test
    void aSubscriptionNamedLikeTheDispatcherIsRefused() {
        runner.withUserConfiguration(Handlers.class).withPropertyValues("jeventstore.dispatcher.name=projection")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("named 'projection' like the dispatcher");
                });
    }

    @Test
    void anAnnotatedBeanThatIsNoCommitHandlerIsRefused() {
        runner.withBean("notAHandler", NotAHandler.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("'notAHandler'")
                    .hasMessageContaining("CommitHandler");
        });
    }

    @Test
    void eventTypesAreScannedFromTheApplicationsPackageOrListed() {
        try (EventStore writer = EventStore.builder().engine("memory:types")
                .type("test.cart-opened", CartOpened.class).type("test.listed", ListedEvent.class).build()) {
            commit(writer, "cart-1", new CartOpened("cart-1"));
            commit(writer, "cart-1", new ListedEvent(7));
        }
        runner.withUserConfiguration(ApplicationPackage.class)
                .withPropertyValues("jeventstore.uri=memory:types",
                        "jeventstore.event-types.classes=" + ListedEvent.class.getName())
                .run(context -> assertThat(bodies(context.getBean(EventStore.class)))
                        .containsExactly(new CartOpened("cart-1"), new ListedEvent(7)));
        runner.withPropertyValues("jeventstore.uri=memory:types",
                        "jeventstore.event-types.packages=" + CartOpened.class.getPackageName())
                .run(context -> assertThat(bodies(context.getBean(EventStore.class)))
                        .first().isEqualTo(new CartOpened("cart-1")));
        runner.withUserConfiguration(ApplicationPackage.class)
                .withPropertyValues("jeventstore.uri=memory:types", "jeventstore.event-types.scan=false")
                .run(context -> {
                    EventStore store = context.getBean(EventStore.class);
                    assertThat(bodies(store)).allMatch(RawEvent.class::isInstance);
                    store.advanced().drop();
                });
    }

    @Test
    void pipelineHookBeansRunInTheStore() {
        runner.withBean(PipelineHook.class, () -> new PipelineHook() {
            @Override
            public boolean preCommit(Commit attempt) {
                return !attempt.streamId().startsWith("vetoed");
            }
        }).run(context -> {
            EventStore store = context.getBean(EventStore.class);
            assertThatThrownBy(() -> commit(store, "vetoed-1", new CartOpened("x")))
                    .isInstanceOf(CommitVetoedException.class);
            assertThat(commit(store, "cart-1", new CartOpened("cart-1"))).isPositive();
        });
    }

    @Test
    void anEventSerializerBeanReplacesTheJsonSerializer() {
        CountingSerializer serializer = new CountingSerializer();
        runner.withBean(EventSerializer.class, () -> serializer).run(context -> {
            commit(context.getBean(EventStore.class), "cart-1", new CartOpened("cart-1"));
            assertThat(serializer.serialized.get()).isEqualTo(1);
        });
    }

    @Test
    void customizersAdjustTheBuilderLast() {
        runner.withBean(EventStoreBuilderCustomizer.class, () -> builder -> builder.engine("memory:customized"))
                .run(context -> {
                    EventStore store = context.getBean(EventStore.class);
                    long checkpoint = commit(store, "cart-1", new CartOpened("cart-1"));
                    try (EventStore same = EventStore.builder().engine("memory:customized").build();
                         Stream<Commit> feed = same.advanced().readAll(0)) {
                        assertThat(feed.map(Commit::checkpoint)).containsExactly(checkpoint);
                        same.advanced().drop();
                    }
                });
    }

    private static List<Object> bodies(EventStore store) {
        try (Stream<Commit> feed = store.advanced().readAll(0)) {
            return feed.flatMap(commit -> commit.events().stream()).map(event -> event.body()).toList();
        }
    }

    static final class CountingSerializer implements EventSerializer {

        private final EventSerializer json = EventSerializer.json();
        final AtomicInteger serialized = new AtomicInteger();

        @Override
        public String contentType() {
            return json.contentType();
        }

        @Override
        public byte[] serialize(Object value) {
            serialized.incrementAndGet();
            return json.serialize(value);
        }

        @Override
        public <T> T deserialize(byte[] data, Class<T> type) {
            return json.deserialize(data, type);
        }
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
        @EventStoreSubscription(value = "in-memory", durable = false)
        RecordingHandler memory() {
            return new RecordingHandler();
        }
    }

    @EventStoreSubscription("annotated-class")
    static class AnnotatedClass extends RecordingHandler {
    }

    @EventStoreDispatcher
    static class DispatcherBean extends RecordingHandler {
    }

    @EventStoreSubscription("not-a-handler")
    static class NotAHandler {
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {

        final EventStore store = EventStore.builder().engine("memory:").build();

        @Bean
        EventStore applicationStore() {
            return store;
        }

        @Bean
        @EventStoreSubscription("own")
        RecordingHandler ownProjection() {
            return new RecordingHandler();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = CartOpened.class)
    static class ApplicationPackage {
    }
}
