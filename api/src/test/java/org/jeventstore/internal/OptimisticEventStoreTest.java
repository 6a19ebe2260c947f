package org.jeventstore.internal;


import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.EventType;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.internal.FaultyEngine.Call;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.SubscriptionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store around its subscriptions: closing, synchronous dispatch, edge values. */
class OptimisticEventStoreTest {

    @EventType("test.noted")
    record Noted(int n) {
    }

    private static final Duration GRACE = Duration.ofMillis(200);

    private final FaultyEngine engine = new FaultyEngine();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> workers = new CopyOnWriteArrayList<>();

    @AfterEach
    void releaseHandlers() {
        release.countDown();
    }

    private EventStore store(Duration closeGrace) {
        return EventStore.builder().engine(engine).types(Noted.class).closeGrace(closeGrace).build();
    }

    private static Commit commit(EventStore store) {
        try (EventStream stream = store.openStream("s-" + UUID.randomUUID())) {
            stream.add(EventMessage.of(new Noted(1)));
            return stream.commitChanges(UUID.randomUUID());
        }
    }

    /** Handles every commit but {@code stuck}, on which it waits for {@link #release}, deaf to interrupts. */
    private CommitHandler stuckOn(Commit stuck) {
        return commit -> {
            if (commit.checkpoint() == stuck.checkpoint()) {
                workers.add(Thread.currentThread());
                while (true) {
                    try {
                        release.await();
                        return;
                    } catch (InterruptedException deaf) {
                        // a handler that ignores interrupts, as blocking client libraries sometimes do
                    }
                }
            }
        };
    }

    /** Handles every commit but {@code stuck}, on which it waits for {@link #release} until interrupted. */
    private CommitHandler waitingOn(Commit stuck) {
        return commit -> {
            if (commit.checkpoint() == stuck.checkpoint()) {
                workers.add(Thread.currentThread());
                release.await();
            }
        };
    }

    private static boolean isWaiting(Thread thread) {
        return thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING;
    }

    private OptionalLong stored(String name) {
        return engine.storage().positions().get(name).map(p -> OptionalLong.of(p.checkpoint())).orElse(OptionalLong.empty());
    }

    @Nested
    class Close {

        @Test
        void closeStopsStuckSubscriptionsTogetherSavesTheirPositionsAndLeavesTheEngineAlone() throws Exception {
            EventStore store = store(GRACE);
            Commit handled = commit(store);
            Commit stuck = commit(store);
            List<String> names = List.of("p1", "p2", "p3", "p4", "p5");
            for (String name : names) {
                store.subscribe(name, stuckOn(stuck));
            }
            assertTrue(Poll.until(() -> workers.size() == names.size()), "every subscription is stuck");

            long started = System.nanoTime();
            store.close();
            long took = System.nanoTime() - started;

            long oneAfterAnother = names.size() * (GRACE.toNanos() + GRACE.dividedBy(2).toNanos());
            assertTrue(took < oneAfterAnother, "closed one after another: " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
            for (String name : names) {
                assertEquals(OptionalLong.of(handled.checkpoint()), stored(name), "position of " + name);
            }
            release.countDown();
            for (Thread worker : workers) {
                worker.join(Poll.WAIT.toMillis());
            }
            assertEquals(List.of(), engine.madeAfterClose(), "calls on the closed engine");
        }

        @Test
        void theInterruptThatStopsAStuckHandlerDoesNotFailTheFinalPositionSave() throws Exception {
            engine.failWhenInterrupted();
            EventStore store = store(GRACE);
            Commit handled = commit(store);
            Commit stuck = commit(store);
            store.subscribe("projection", waitingOn(stuck));
            assertTrue(Poll.until(() -> workers.size() == 1));

            store.close();

            assertEquals(OptionalLong.of(handled.checkpoint()), stored("projection"));
            assertEquals(List.of(), engine.madeAfterClose());
        }

        @Test
        void closeFromAHandlerSavesThePositionAndTheWorkerLeavesTheEngineAlone() throws Exception {
            EventStore store = store(GRACE);
            Commit handled = commit(store);
            Commit closing = commit(store);
            store.subscribe("projection", commit -> {
                if (commit.checkpoint() == closing.checkpoint()) {
                    workers.add(Thread.currentThread());
                    store.close();
                }
            });
            assertTrue(Poll.until(() -> workers.size() == 1));
            workers.get(0).join(Poll.WAIT.toMillis());

            assertThrows(IllegalStateException.class, () -> store.subscribe(0, commit -> { }));
            assertEquals(OptionalLong.of(handled.checkpoint()), stored("projection"));
            assertEquals(List.of(), engine.madeAfterClose());
        }

        @Test
        void onceCloseHasBegunSubscribeCommitAndAsyncCallsAreRefused() throws Exception {
            EventStore store = store(Duration.ofMinutes(1));
            Commit stuck = commit(store);
            store.subscribe("projection", waitingOn(stuck));
            assertTrue(Poll.until(() -> workers.size() == 1));
            Thread closer = new Thread(store::close);
            closer.start();
            assertTrue(Poll.until(() -> isWaiting(closer)), "close waits for the handler");

            assertThrows(IllegalStateException.class, () -> store.subscribe(0, commit -> { }));
            assertThrows(IllegalStateException.class, () -> store.subscribe("other", commit -> { }));
            assertThrows(IllegalStateException.class, () -> commit(store));
            assertThrows(IllegalStateException.class, () -> store.openStreamAsync("s"));
            assertThrows(IllegalStateException.class, () -> store.advanced().readAllAsync(0, 1));

            release.countDown();
            closer.join(Poll.WAIT.toMillis());
            assertEquals(Thread.State.TERMINATED, closer.getState());
        }

        @Test
        void aSecondConcurrentCloseWaitsForTheFirstAndTheEngineIsClosedOnce() throws Exception {
            EventStore store = store(Duration.ofMinutes(1));
            Commit stuck = commit(store);
            store.subscribe("projection", waitingOn(stuck));
            assertTrue(Poll.until(() -> workers.size() == 1));
            List<Thread> closers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Thread closer = new Thread(store::close);
                closer.start();
                assertTrue(Poll.until(() -> isWaiting(closer)), "close " + (i + 1) + " waits");
                closers.add(closer);
            }

            release.countDown();
            for (Thread closer : closers) {
                closer.join(Poll.WAIT.toMillis());
            }
            assertEquals(1, engine.count(Call.CLOSE));
        }
    }

    @Nested
    class SynchronousDispatch {

        private final List<Long> delivered = new CopyOnWriteArrayList<>();

        private EventStore dispatching(CommitHandler handler, SubscriptionOptions options) {
            return EventStore.builder().engine(engine).types(Noted.class).closeGrace(GRACE)
                    .dispatchTo("dispatcher", handler, DispatchMode.SYNCHRONOUS, options).build();
        }

        @Test
        void onceADispatchTimedOutLaterCommitsDoNotWaitUntilTheDispatcherHasCaughtUp() throws Exception {
            Duration syncTimeout = Duration.ofMillis(500);
            EventStore store = dispatching(commit -> {
                if (delivered.isEmpty()) {
                    release.await();
                }
                delivered.add(commit.checkpoint());
            }, SubscriptionOptions.defaults().withSyncTimeout(syncTimeout));
            try {
                commit(store);

                long started = System.nanoTime();
                Commit last = null;
                for (int i = 0; i < 5; i++) {
                    last = commit(store);
                }
                long took = System.nanoTime() - started;
                assertTrue(took < syncTimeout.toNanos(), "five commits behind a stuck dispatcher took "
                        + TimeUnit.NANOSECONDS.toMillis(took) + " ms");

                release.countDown();
                assertTrue(store.dispatcher().orElseThrow().awaitPosition(last.checkpoint(), Poll.WAIT));
                Commit caughtUp = commit(store);
                assertEquals(caughtUp.checkpoint(), delivered.get(delivered.size() - 1),
                        "once caught up, a commit waits for its dispatch again");
            } finally {
                store.close();
            }
        }

        @Test
        void aStoppedDispatcherDelaysNoCommit() {
            EventStore store = dispatching(commit -> {
                throw new IllegalStateException("bus down");
            }, SubscriptionOptions.defaults().withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO))
                    .withSyncTimeout(Duration.ofHours(1)));
            try {
                assertTimeoutPreemptively(Poll.WAIT, () -> {
                    commit(store);
                    commit(store);
                });
                assertTrue(store.dispatcher().orElseThrow().failure().isPresent());
            } finally {
                store.close();
            }
        }

        @Test
        void aParkedCommitCountsAsDispatched() {
            EventStore store = dispatching(commit -> {
                throw new IllegalStateException("bus down");
            }, SubscriptionOptions.defaults().withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO))
                    .withFailurePolicy(FailurePolicy.PARK).withSyncTimeout(Duration.ofHours(1)));
            try {
                Commit parked = assertTimeoutPreemptively(Poll.WAIT, () -> commit(store));
                assertEquals(List.of(parked.checkpoint()), store.dispatcher().orElseThrow().parked(),
                        "parked when commitChanges returned");
            } finally {
                store.close();
            }
        }
    }

    @Nested
    class EdgeValues {

        @Test
        void aSyncTimeoutBeyondTheNanosecondRangeWaitsForTheDispatch() {
            List<Long> delivered = new CopyOnWriteArrayList<>();
            EventStore store = EventStore.builder().engine(engine).types(Noted.class).closeGrace(GRACE)
                    .dispatchTo("dispatcher", commit -> delivered.add(commit.checkpoint()), DispatchMode.SYNCHRONOUS,
                            SubscriptionOptions.defaults().withSyncTimeout(ChronoUnit.FOREVER.getDuration()))
                    .build();
            try {
                Commit commit = commit(store);
                assertEquals(List.of(commit.checkpoint()), delivered);
            } finally {
                store.close();
            }
        }

        @Test
        void aNegativeSyncTimeoutIsRefused() {
            assertThrows(IllegalArgumentException.class,
                    () -> SubscriptionOptions.defaults().withSyncTimeout(Duration.ofMillis(-1)));
        }

        @Test
        void everyAsyncCallAfterCloseThrowsIllegalStateException() {
            Executor callers = Runnable::run;
            for (EventStore store : List.of(store(GRACE),
                    EventStore.builder().engine(new InMemoryEngine(128)).executor(callers).build())) {
                EventStream stream = store.openStream("s");
                stream.add(EventMessage.of(new Noted(1)));
                store.close();
                assertThrows(IllegalStateException.class, () -> store.openStreamAsync("s"));
                assertThrows(IllegalStateException.class, () -> store.openStreamAsync("b", "s", 0, 9));
                assertThrows(IllegalStateException.class, () -> stream.commitChangesAsync(UUID.randomUUID()));
                assertThrows(IllegalStateException.class,
                        () -> store.advanced().readStreamAsync("b", "s", 0, 9));
                assertThrows(IllegalStateException.class, () -> store.advanced().readAllAsync(0, 10));
            }
        }

        @Test
        void aFailedDropStillClosesTheEngineAndTheStore() {
            StorageUnavailableException outage = new StorageUnavailableException("backend gone");
            engine.fail(Call.DROP, 1, 1, () -> outage);
            EventStore store = store(GRACE);
            store.subscribe("projection", commit -> { });

            StorageUnavailableException thrown = assertThrows(StorageUnavailableException.class,
                    () -> store.advanced().drop());

            assertEquals(outage, thrown);
            assertEquals(1, engine.count(Call.CLOSE), "the engine's client is released");
            assertThrows(IllegalStateException.class, () -> store.subscribe(0, commit -> { }));
            assertThrows(IllegalStateException.class, () -> store.openStreamAsync("s"));
        }
    }
}
