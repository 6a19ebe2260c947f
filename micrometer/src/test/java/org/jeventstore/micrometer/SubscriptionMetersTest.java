package org.jeventstore.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStoreBuilder;
import org.jeventstore.EventStream;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The meters of subscriptions and the dispatcher on a real {@code memory:} store. */
class SubscriptionMetersTest {

    private static final SubscriptionOptions FAST = SubscriptionOptions.defaults()
            .withRetry(new RetryPolicy(3, Duration.ZERO, Duration.ZERO))
            .withPollInterval(Duration.ofMillis(20));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private EventStore store;

    @AfterEach
    void close() {
        release.countDown();
        if (store != null) {
            store.close();
        }
    }

    private EventStoreBuilder builder() {
        // A lag refresh of zero reads the head at every look, so that the polls below see each change at once.
        return EventStore.builder().engine("memory:").types(ItemAdded.class)
                .observer(JEventStoreObservation.observer(ObservationRegistry.create(), meters, Duration.ZERO));
    }

    private EventStore store() {
        store = builder().build();
        return store;
    }

    private void commits(int count) {
        for (int i = 0; i < count; i++) {
            try (EventStream stream = store.createStream("cart-" + UUID.randomUUID())) {
                stream.add(EventMessage.of(new ItemAdded("sku-" + i, 1)));
                stream.commitChanges(UUID.randomUUID());
            }
        }
    }

    private double counter(String name, String subscription) {
        Counter counter = meters.find(name).tag("jeventstore.subscription", subscription).counter();
        return counter == null ? 0 : counter.count();
    }

    private Gauge gauge(String name, String subscription) {
        return meters.find(name).tag("jeventstore.subscription", subscription).tag("db.system.name", "memory")
                .gauge();
    }

    private double lag(String subscription) {
        return gauge("jeventstore.subscription.lag", subscription).value();
    }

    private double age(String subscription) {
        TimeGauge age = meters.find("jeventstore.subscription.undelivered.age")
                .tag("jeventstore.subscription", subscription).timeGauge();
        return age.value(TimeUnit.MILLISECONDS);
    }

    @Test
    void deliveriesAreCountedPerNamedSubscription() throws InterruptedException {
        store();
        commits(3);
        try (Subscription projector = store.subscribe("projector", commit -> { }, FAST)) {
            assertTrue(projector.awaitPosition(3, Poll.WAIT));
            assertTrue(Poll.until(() -> counter("jeventstore.subscription.deliveries", "projector") == 3));
            assertTrue(Poll.until(() -> gauge("jeventstore.subscription.position", "projector").value() == 3));
        }
        assertEquals(3, counter("jeventstore.subscription.deliveries", "projector"));
        assertEquals(0, counter("jeventstore.subscription.failures", "projector"));
    }

    @Test
    void failuresAndRetriesAreCountedAndAParkedCommitToo() throws InterruptedException {
        store();
        commits(2);
        Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
        // Checkpoint 1 fails once, then succeeds; checkpoint 2 fails on all three attempts and is parked.
        try (Subscription projector = store.subscribe("projector", commit -> {
            if (commit.checkpoint() == 2 || failedOnce.add(commit.checkpoint())) {
                throw new IllegalStateException("projection down");
            }
        }, FAST.withFailurePolicy(FailurePolicy.PARK))) {
            assertTrue(projector.awaitPosition(2, Poll.WAIT));
            assertTrue(Poll.until(() -> counter("jeventstore.subscription.parked", "projector") == 1));
        }
        assertEquals(1, counter("jeventstore.subscription.deliveries", "projector"));
        assertEquals(4, counter("jeventstore.subscription.failures", "projector"));
        assertEquals(3, counter("jeventstore.subscription.retries", "projector"));
        assertEquals(1, counter("jeventstore.subscription.parked", "projector"));
    }

    @Test
    void theStoredPositionFollowsTheSaves() throws InterruptedException {
        store();
        commits(2);
        try (Subscription projector = store.subscribe("projector", commit -> { }, FAST)) {
            assertTrue(projector.awaitPosition(2, Poll.WAIT));
            assertTrue(Poll.until(() -> gauge("jeventstore.subscription.position.stored", "projector").value() == 2));
        }
    }

    @Test
    void theLagGrowsWhileAHandlerIsBlockedAndFallsToZeroWhenItResumes() throws InterruptedException {
        store();
        try (Subscription projector = store.subscribe("projector", commit -> release.await(), FAST)) {
            commits(1);
            assertTrue(Poll.until(() -> lag("projector") == 1), () -> "lag " + lag("projector"));
            commits(2);
            assertTrue(Poll.until(() -> lag("projector") == 3), () -> "lag " + lag("projector"));
            assertEquals(0, projector.position());

            assertTrue(Poll.until(() -> age("projector") > 0), () -> "age " + age("projector"));
            double earlier = age("projector");
            assertTrue(Poll.until(() -> age("projector") > earlier), () -> "age " + age("projector"));

            release.countDown();
            assertTrue(projector.awaitPosition(3, Poll.WAIT));
            assertTrue(Poll.until(() -> lag("projector") == 0), () -> "lag " + lag("projector"));
            assertEquals(0, age("projector"));
        }
    }

    @Test
    void theAgeOfACommitNotYetVisibleWhenFirstLookedAtIsReadAgain() throws InterruptedException {
        InFlightEngine engine = new InFlightEngine();
        store = EventStore.builder().engine(engine).types(ItemAdded.class)
                .observer(JEventStoreObservation.observer(ObservationRegistry.create(), meters, Duration.ZERO))
                .build();
        // The head counts the commit, but the feed does not show it yet: the gauge first finds nothing after 0.
        engine.hide(true);
        try (Subscription projector = store.subscribe("projector", commit -> release.await(), FAST)) {
            commits(1);
            assertTrue(Poll.until(() -> {
                age("projector");
                return engine.hiddenReadsBesides("jeventstore-projector") > 0;
            }), "the age gauge looked while the commit was not visible");
            engine.hide(false);
            // The handler now hangs on that commit, position 0: its age must show.
            assertTrue(Poll.until(() -> age("projector") > 0), () -> "age " + age("projector"));
            assertEquals(0, projector.position());
            release.countDown();
        }
    }

    @Test
    void aBackendThatHangsBlocksNoScrape() throws InterruptedException {
        InFlightEngine engine = new InFlightEngine();
        store = EventStore.builder().engine(engine).types(ItemAdded.class)
                .observer(JEventStoreObservation.observer(ObservationRegistry.create(), meters, Duration.ZERO))
                .build();
        try (Subscription projector = store.subscribe("projector", commit -> { }, FAST)) {
            commits(2);
            assertTrue(projector.awaitPosition(2, Poll.WAIT));
            engine.blockHead(release);
            Gauge lag = meters.find("jeventstore.subscription.lag").tag("jeventstore.subscription", "projector")
                    .gauge();
            assertTimeoutPreemptively(Poll.WAIT, () -> lag.value(), "a scrape returns the last value");
            assertTimeoutPreemptively(Poll.WAIT, () -> age("projector"), "a scrape returns the last value");
            release.countDown();
        }
    }

    @Test
    void closingTheStoreRemovesEveryGaugeAndStopsTheLagThread() throws InterruptedException {
        store();
        commits(1);
        Subscription failing = store.subscribe("projector", commit -> {
            throw new IllegalStateException("projection down");
        }, FAST.withFailurePolicy(FailurePolicy.STOP));
        assertTrue(Poll.until(() -> !failing.isRunning()));
        store.subscribe(0, commit -> { }, FAST);
        assertNotNull(gauge("jeventstore.subscription.lag", "projector"), "a named subscription a failure stopped keeps its gauges");
        store.close();
        assertTrue(meters.find("jeventstore.subscription.lag").gauges().isEmpty());
        assertTrue(meters.find("jeventstore.subscription.undelivered.age").timeGauges().isEmpty());
        assertTrue(meters.find("jeventstore.subscription.position").gauges().isEmpty());
        assertEquals(1, counter("jeventstore.subscription.failures", "projector") > 0 ? 1 : 0, "counters stay");
        assertTrue(Poll.until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("jeventstore-lag") && thread.isAlive())));
    }

    @Test
    void aRegistryOutlivingItsStoreReportsTheNextStoresSubscription() throws InterruptedException {
        store();
        commits(3);
        Subscription failing = store.subscribe("projector", commit -> {
            throw new IllegalStateException("projection down");
        }, FAST.withFailurePolicy(FailurePolicy.STOP));
        assertTrue(Poll.until(() -> !failing.isRunning()));
        store.close();

        store();
        commits(1);
        try (Subscription projector = store.subscribe("projector", commit -> { }, FAST)) {
            assertTrue(projector.awaitPosition(1, Poll.WAIT));
            assertTrue(Poll.until(() -> gauge("jeventstore.subscription.position", "projector").value() == 1),
                    () -> "position " + gauge("jeventstore.subscription.position", "projector").value());
        }
    }

    @Test
    void theAgeOfTheOldestUndeliveredCommitIsZeroWhenCaughtUp() throws InterruptedException {
        store();
        commits(2);
        try (Subscription projector = store.subscribe("projector", commit -> { }, FAST)) {
            assertTrue(projector.awaitPosition(2, Poll.WAIT));
            assertEquals(0, age("projector"));
            assertEquals(0, lag("projector"));
        }
    }

    @Test
    void anonymousSubscriptionsShareOneSeriesThatGoesWithTheLast() throws InterruptedException {
        store();
        commits(2);
        Subscription first = store.subscribe(0, commit -> { }, FAST);
        Subscription second = store.subscribe(1, commit -> { }, FAST);
        assertTrue(first.awaitPosition(2, Poll.WAIT));
        assertTrue(second.awaitPosition(2, Poll.WAIT));
        assertTrue(Poll.until(() -> counter("jeventstore.subscription.deliveries", "anonymous") == 3));
        assertEquals(1, meters.find("jeventstore.subscription.lag").gauges().size());
        assertNull(gauge("jeventstore.subscription.position.stored", "anonymous"));

        first.close();
        assertNotNull(gauge("jeventstore.subscription.lag", "anonymous"));
        second.close();
        assertTrue(Poll.until(() -> gauge("jeventstore.subscription.lag", "anonymous") == null));
        assertNull(gauge("jeventstore.subscription.undelivered.age", "anonymous"));
        assertEquals(3, counter("jeventstore.subscription.deliveries", "anonymous"), "counters are kept");
    }

    @Test
    void aClosedNamedSubscriptionTakesItsGaugesAlong() throws InterruptedException {
        store();
        commits(1);
        Subscription projector = store.subscribe("projector", commit -> { }, FAST);
        assertTrue(projector.awaitPosition(1, Poll.WAIT));
        assertNotNull(gauge("jeventstore.subscription.position", "projector"));
        projector.close();
        assertTrue(Poll.until(() -> gauge("jeventstore.subscription.position", "projector") == null));
        assertNull(gauge("jeventstore.subscription.position.stored", "projector"));
    }

    @Test
    void aNamedSubscriptionStoppedByAFailureKeepsReportingItsGrowingLagUntilItStartsAgain()
            throws InterruptedException {
        store();
        commits(1);
        Subscription failing = store.subscribe("projector", commit -> {
            throw new IllegalStateException("projection down");
        }, FAST.withFailurePolicy(FailurePolicy.STOP));
        assertTrue(Poll.until(() -> !failing.isRunning()));
        commits(2);
        assertTrue(Poll.until(() -> lag("projector") == 3), () -> "lag " + lag("projector"));

        try (Subscription restarted = store.subscribe("projector", commit -> { }, FAST)) {
            assertTrue(restarted.awaitPosition(3, Poll.WAIT));
            assertTrue(Poll.until(() -> lag("projector") == 0), () -> "lag " + lag("projector"));
            assertEquals(1, meters.find("jeventstore.subscription.lag").tag("jeventstore.subscription", "projector")
                    .gauges().size());
        }
    }

    @Test
    void theDispatcherIsTheSubscriptionNamedDispatcher() throws InterruptedException {
        store = builder().dispatchTo(commit -> { }, DispatchMode.SYNCHRONOUS).build();
        commits(2);
        assertTrue(store.dispatcher().orElseThrow().awaitPosition(2, Poll.WAIT));
        assertTrue(Poll.until(() -> counter("jeventstore.subscription.deliveries", "dispatcher") == 2));
        assertEquals(0, lag("dispatcher"));
    }
}
