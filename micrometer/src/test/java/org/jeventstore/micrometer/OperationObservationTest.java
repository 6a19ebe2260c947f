package org.jeventstore.micrometer;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.CommitVetoedException;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.PipelineHook;
import org.jeventstore.Snapshot;
import org.jeventstore.StorageException;
import org.jeventstore.StreamNotFoundException;
import org.jeventstore.observation.StoreObserver;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.subscription.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every operation of a real {@code memory:} store as an observation, and through it a timer, by outcome. */
class OperationObservationTest {

    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EventStore store;

    OperationObservationTest() {
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private EventStore store(PipelineHook... hooks) {
        var builder = EventStore.builder().engine("memory:").types(ItemAdded.class)
                .observer(JEventStoreObservation.observer(observations, meters));
        for (PipelineHook hook : hooks) {
            builder.hook(hook);
        }
        store = builder.build();
        return store;
    }

    private static Commit commit(EventStream stream) {
        stream.add(EventMessage.of(new ItemAdded("sku-1", 1)));
        return stream.commitChanges(UUID.randomUUID());
    }

    /** How many operations the timer of {@code jeventstore.operation} counted with these keys. */
    private long count(String operation, String outcome) {
        return meters.find("jeventstore.operation").tag("jeventstore.operation.name", operation)
                .tag("jeventstore.outcome", outcome).timers().stream().mapToLong(Timer::count).sum();
    }

    private void assertObserved(String operation, String outcome) {
        TestObservationRegistryAssert.assertThat(observations).hasAnObservation(observation -> observation
                .hasNameEqualTo("jeventstore.operation")
                .hasContextualNameEqualTo(operation)
                .hasLowCardinalityKeyValue("db.system.name", "memory")
                .hasLowCardinalityKeyValue("jeventstore.operation.name", operation)
                .hasLowCardinalityKeyValue("jeventstore.outcome", outcome));
    }

    @Test
    void aCommitIsObservedWithOutcomeOkAndTimed() {
        try (EventStream stream = store().createStream("cart-1")) {
            commit(stream);
            commit(stream);
        }
        assertObserved("commit", "ok");
        assertEquals(2, count("commit", "ok"));
        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsWithNameEqualTo(
                "jeventstore.operation", 2);
    }

    @Test
    void aCommitThatLosesTheRaceHasOutcomeConflictAndIsNotAnError() {
        store();
        try (EventStream first = store.openStream("cart-1"); EventStream second = store.openStream("cart-1")) {
            commit(first);
            assertThrows(ConcurrencyException.class, () -> commit(second));
        }
        assertObserved("commit", "conflict");
        assertEquals(1, count("commit", "conflict"));
        assertEquals(1, count("commit", "ok"));
        TestObservationRegistryAssert.assertThat(observations).hasAnObservation(observation -> observation
                .hasLowCardinalityKeyValue("jeventstore.outcome", "conflict")
                .hasHighCardinalityKeyValue("error.type", ConcurrencyException.class.getName()).doesNotHaveError());
    }

    @Test
    void anObservationHandlerThatThrowsLeavesNoScopeOpenAndNoObservationUnstopped() {
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onError(Observation.Context context) {
                throw new IllegalStateException("handler broken in onError");
            }

            @Override
            public void onScopeOpened(Observation.Context context) {
                if (context.getContextualName().equals("open_stream")) {
                    throw new IllegalStateException("handler broken in onScopeOpened");
                }
            }

            @Override
            public void onScopeClosed(Observation.Context context) {
                told.add(context.getContextualName() + " scope closed");
            }

            @Override
            public void onStop(Observation.Context context) {
                told.add(context.getContextualName() + " stopped");
            }
        });
        store = EventStore.builder().engine(new FailingCommitEngine()).types(ItemAdded.class)
                .observer(JEventStoreObservation.observer(registry)).build();
        try (EventStream stream = store.createStream("cart-1")) {
            assertThrows(StorageException.class, () -> commit(stream));
        }
        assertThrows(StreamNotFoundException.class, () -> store.openStream("default", "cart-1", 1, Long.MAX_VALUE));
        assertEquals(List.of("commit scope closed", "commit stopped", "open_stream stopped"), told);
        assertNull(registry.getCurrentObservation(), "no scope is left current on the thread");
    }

    @Test
    void aCommitWhoseIdIsStoredHasOutcomeDuplicate() {
        UUID commitId = UUID.randomUUID();
        try (EventStream stream = store().createStream("cart-1")) {
            stream.add(EventMessage.of(new ItemAdded("sku-1", 1)));
            stream.commitChanges(commitId);
            stream.add(EventMessage.of(new ItemAdded("sku-1", 1)));
            assertThrows(DuplicateCommitException.class, () -> stream.commitChanges(commitId));
        }
        assertObserved("commit", "duplicate");
        assertEquals(1, count("commit", "duplicate"));
    }

    @Test
    void aCommitVetoedByAHookHasOutcomeVetoed() {
        PipelineHook veto = new PipelineHook() {
            @Override
            public boolean preCommit(Commit attempt) {
                return false;
            }
        };
        try (EventStream stream = store(veto).createStream("cart-1")) {
            assertThrows(CommitVetoedException.class, () -> commit(stream));
        }
        assertObserved("commit", "vetoed");
        assertEquals(1, count("commit", "vetoed"));
    }

    @Test
    void aCommitTheBackendFailsHasOutcomeErrorAndCarriesTheError() {
        PersistenceEngine failing = new FailingCommitEngine();
        store = EventStore.builder().engine(failing).types(ItemAdded.class)
                .observer(JEventStoreObservation.observer(observations, meters)).build();
        try (EventStream stream = store.createStream("cart-1")) {
            assertThrows(StorageException.class, () -> commit(stream));
        }
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasNameEqualTo("jeventstore.operation")
                .hasLowCardinalityKeyValue("db.system.name", "failingcommit")
                .hasLowCardinalityKeyValue("jeventstore.operation.name", "commit")
                .hasLowCardinalityKeyValue("jeventstore.outcome", "error")
                .hasHighCardinalityKeyValue("error.type", StorageException.class.getName())
                .hasBeenStarted()
                .hasBeenStopped()
                .assertThatError().isInstanceOf(StorageException.class);
        assertEquals(1, count("commit", "error"));
    }

    @Test
    void aCommitIsTheCurrentObservationWhileItRunsSoThatDriverSpansNestUnderIt() {
        AtomicReference<Observation> current = new AtomicReference<>();
        PipelineHook looking = new PipelineHook() {
            @Override
            public boolean preCommit(Commit attempt) {
                current.set(observations.getCurrentObservation());
                return true;
            }
        };
        try (EventStream stream = store(looking).createStream("cart-1")) {
            commit(stream);
        }
        assertEquals("jeventstore.operation", current.get().getContext().getName());
        assertEquals(null, observations.getCurrentObservation());
    }

    @Test
    void openingAStreamIsObservedAndAMissingRangeHasOutcomeNotFound() {
        try (EventStream stream = store().createStream("cart-1")) {
            commit(stream);
        }
        store.openStream("cart-1").close();
        assertThrows(StreamNotFoundException.class, () -> store.openStream("default", "cart-2", 1, Long.MAX_VALUE));
        assertObserved("open_stream", "ok");
        assertEquals(1, count("open_stream", "ok"));
        assertEquals(1, count("open_stream", "not_found"));
    }

    @Test
    void aStreamReadIsObservedUntilItsStreamIsClosed() {
        try (EventStream stream = store().createStream("cart-1")) {
            commit(stream);
            commit(stream);
        }
        try (Stream<Commit> commits = store.advanced().readStream("default", "cart-1", 0, Long.MAX_VALUE)) {
            assertEquals(0, count("read_stream", "ok"), "the read is still open");
            assertEquals(2, commits.count());
        }
        assertObserved("read_stream", "ok");
        assertEquals(1, count("read_stream", "ok"));
    }

    @Test
    void aFeedReadIsObservedOnceWhetherItRunsOutOrIsClosed() {
        try (EventStream stream = store().createStream("cart-1")) {
            commit(stream);
        }
        try (Stream<Commit> feed = store.advanced().readAll(0)) {
            assertEquals(1, feed.toList().size());
        }
        assertEquals(1, count("read_feed", "ok"));
        assertObserved("read_feed", "ok");
    }

    @Test
    void aSubscriptionsPageReadsAreObserved() throws InterruptedException {
        try (EventStream stream = store().createStream("cart-1")) {
            commit(stream);
        }
        try (Subscription subscription = store.subscribe(0, commit -> { })) {
            assertTrue(subscription.awaitPosition(1, Poll.WAIT));
        }
        assertTrue(count("read_feed_page", "ok") >= 1);
        assertObserved("read_feed_page", "ok");
    }

    @Test
    void snapshotReadsAndWritesAreObserved() {
        try (EventStream stream = store().createStream("cart-1")) {
            commit(stream);
        }
        assertTrue(store.advanced().addSnapshot(Snapshot.of("cart-1", 1, new ItemAdded("sku-1", 1))));
        Optional<Snapshot> read = store.advanced().snapshot("default", "cart-1", Long.MAX_VALUE);
        assertTrue(read.isPresent());
        assertObserved("add_snapshot", "ok");
        assertObserved("read_snapshot", "ok");
        assertEquals(1, count("add_snapshot", "ok"));
        assertEquals(1, count("read_snapshot", "ok"));
    }

    @Test
    void noKeyHoldsAStreamOrBucketId() {
        try (EventStream stream = store().createStream("tenant-7", "cart-secret-42")) {
            commit(stream);
        }
        store.openStream("tenant-7", "cart-secret-42", 0, Long.MAX_VALUE).close();
        TestObservationRegistryAssert.assertThat(observations).forAllObservationsWithNameEqualTo(
                "jeventstore.operation", observation -> observation.hasOnlyKeys("db.system.name",
                        "jeventstore.operation.name", "jeventstore.outcome"));
        meters.getMeters().forEach(meter -> meter.getId().getTags().forEach(tag -> assertTrue(
                !tag.getValue().contains("secret") && !tag.getValue().equals("tenant-7"), tag.toString())));
    }

    @Test
    void withoutAMeterRegistryOperationsAreObservedAndSubscriptionsStillDeliver() throws InterruptedException {
        store = EventStore.builder().engine("memory:").types(ItemAdded.class)
                .observer(JEventStoreObservation.observer(observations)).build();
        try (EventStream stream = store.createStream("cart-1")) {
            commit(stream);
        }
        try (Subscription subscription = store.subscribe("projector", commit -> { })) {
            assertTrue(subscription.awaitPosition(1, Poll.WAIT));
        }
        assertObserved("commit", "ok");
        assertEquals(List.of(), meters.find("jeventstore.subscription.deliveries").counters().stream().toList(),
                "no subscription meter without a MeterRegistry");
    }

    @Test
    void theEngineNamesFollowTheOpenTelemetryDatabaseSystems() {
        assertEquals("aws.dynamodb", MicrometerStoreObserver.dbSystem("dynamodb"));
        assertEquals("mongodb", MicrometerStoreObserver.dbSystem("mongodb+srv"));
        assertEquals("postgresql", MicrometerStoreObserver.dbSystem("postgresql"));
    }

    @Test
    void anObserverServesOneStore() {
        StoreObserver observer = JEventStoreObservation.observer(observations, meters);
        store = EventStore.builder().engine("memory:").observer(observer).build();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EventStore.builder().engine("memory:").observer(observer).build());
        assertTrue(refused.getMessage().contains("one per store"), refused.getMessage());
    }
}
