package org.jeventstore.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.CommitVetoedException;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.EventType;
import org.jeventstore.PipelineHook;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.StreamNotFoundException;
import org.jeventstore.internal.FaultyEngine.Call;
import org.jeventstore.observation.Operation;
import org.jeventstore.observation.OperationObservation;
import org.jeventstore.observation.Outcome;
import org.jeventstore.observation.StoreObserver;
import org.jeventstore.observation.SubscriptionObserver;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a store tells its {@link StoreObserver}, and that an observer cannot break the store. */
class StoreObserverTest {

    @EventType("test.noted")
    record Noted(int n) {
    }

    private static final SubscriptionOptions FAST = SubscriptionOptions.defaults()
            .withRetry(new RetryPolicy(2, Duration.ZERO, Duration.ZERO)).withPollInterval(Duration.ofMillis(20));

    private final FaultyEngine engine = new FaultyEngine();
    private EventStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private EventStore store(StoreObserver observer, PipelineHook... hooks) {
        var builder = EventStore.builder().engine(engine).types(Noted.class).observer(observer);
        for (PipelineHook hook : hooks) {
            builder.hook(hook);
        }
        store = builder.build();
        return store;
    }

    private static Commit commit(EventStream stream) {
        stream.add(EventMessage.of(new Noted(1)));
        return stream.commitChanges(UUID.randomUUID());
    }

    /** Records every call as text, such as {@code commit:conflict} or {@code s1 delivered 3}. */
    static final class Recording implements StoreObserver {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile String engine;

        @Override
        public void opened(EventStore store, String engine) {
            this.engine = engine;
        }

        @Override
        public OperationObservation start(Operation operation) {
            calls.add(operation.operationName() + ":started");
            return new OperationObservation() {
                @Override
                public void succeeded() {
                    calls.add(operation.operationName() + ":ok");
                }

                @Override
                public void failed(Throwable failure) {
                    calls.add(operation.operationName() + ":" + Outcome.of(failure).value());
                }
            };
        }

        @Override
        public SubscriptionObserver subscribed(Subscription subscription) {
            String name = subscription.name().orElse("anonymous");
            calls.add(name + " subscribed");
            return new SubscriptionObserver() {
                @Override
                public void delivered(long checkpoint) {
                    calls.add(name + " delivered " + checkpoint);
                }

                @Override
                public void handlerFailed(long checkpoint, int attempt, Throwable failure) {
                    calls.add(name + " failed " + checkpoint + " attempt " + attempt);
                }

                @Override
                public void retrying(long checkpoint, int attempt) {
                    calls.add(name + " retrying " + checkpoint + " attempt " + attempt);
                }

                @Override
                public void parked(long checkpoint) {
                    calls.add(name + " parked " + checkpoint);
                }

                @Override
                public void positionStored(long checkpoint) {
                    calls.add(name + " stored " + checkpoint);
                }

                @Override
                public void stopped() {
                    calls.add(name + " stopped");
                }
            };
        }

        @Override
        public void closed() {
            calls.add("closed");
        }

        List<String> outcomes(String operation) {
            return calls.stream().filter(call -> call.startsWith(operation + ":") && !call.endsWith(":started"))
                    .toList();
        }
    }

    @Nested
    class Outcomes {
        private final Recording observer = new Recording();

        @Test
        void eachCommitOutcomeIsToldApart() {
            PipelineHook vetoSecondStream = new PipelineHook() {
                @Override
                public boolean preCommit(Commit attempt) {
                    return !attempt.streamId().equals("vetoed");
                }
            };
            store(observer, vetoSecondStream);
            UUID commitId = UUID.randomUUID();
            try (EventStream first = store.openStream("s"); EventStream second = store.openStream("s")) {
                first.add(EventMessage.of(new Noted(1)));
                first.commitChanges(commitId);
                assertThrows(ConcurrencyException.class, () -> commit(second));
                first.add(EventMessage.of(new Noted(2)));
                assertThrows(DuplicateCommitException.class, () -> first.commitChanges(commitId));
            }
            try (EventStream vetoed = store.createStream("vetoed")) {
                assertThrows(CommitVetoedException.class, () -> commit(vetoed));
            }
            engine.fail(Call.COMMIT, 1, 1, () -> new StorageException("disk full"));
            try (EventStream failing = store.createStream("failing")) {
                assertThrows(StorageException.class, () -> commit(failing));
            }
            assertEquals(List.of("commit:ok", "commit:conflict", "commit:duplicate", "commit:vetoed", "commit:error"),
                    observer.outcomes("commit"));
            assertEquals("faulty", observer.engine);
        }

        @Test
        void streamOpensAndReadsAreToldOnceEach() {
            store(observer);
            try (EventStream stream = store.createStream("s")) {
                commit(stream);
            }
            store.openStream("s").close();
            assertThrows(StreamNotFoundException.class, () -> store.openStream("default", "none", 1, Long.MAX_VALUE));
            try (Stream<Commit> commits = store.advanced().readStream("default", "s", 0, Long.MAX_VALUE)) {
                assertEquals(List.of(), observer.outcomes("read_stream"), "a lazy read ends with its stream");
                assertEquals(1, commits.count());
            }
            try (Stream<Commit> feed = store.advanced().readAll(0)) {
                assertEquals(1, feed.toList().size());
            }
            assertEquals(List.of("open_stream:ok", "open_stream:not_found"), observer.outcomes("open_stream"));
            assertEquals(List.of("read_stream:ok"), observer.outcomes("read_stream"));
            assertEquals(List.of("read_feed:ok"), observer.outcomes("read_feed"));
        }

        @Test
        void aLazyReadThatFailsEndsFailedOnce() {
            store(observer);
            engine.fail(Call.READ_FEED, 1, 1, () -> new StorageException("cursor lost"));
            assertThrows(StorageException.class, () -> {
                try (Stream<Commit> feed = store.advanced().readAll(0)) {
                    feed.count();
                }
            });
            assertEquals(List.of("read_feed:error"), observer.outcomes("read_feed"));
        }

        @Test
        void theCallersExceptionInsideForEachIsNotTheReadsFailure() {
            store(observer);
            try (EventStream stream = store.createStream("s")) {
                commit(stream);
            }
            assertThrows(IllegalStateException.class, () -> {
                try (Stream<Commit> feed = store.advanced().readAll(0)) {
                    feed.forEach(commit -> {
                        throw new IllegalStateException("the caller's projection failed");
                    });
                }
            });
            assertEquals(List.of("read_feed:ok"), observer.outcomes("read_feed"));
        }

        @Test
        void aSubscriptionTellsOfDeliveriesFailuresRetriesParkingSavesAndItsStop() throws Exception {
            store(observer);
            try (EventStream stream = store.createStream("s")) {
                commit(stream);
                commit(stream);
            }
            Subscription subscription = store.subscribe("s1", commit -> {
                if (commit.checkpoint() == 2) {
                    throw new IllegalStateException("down");
                }
            }, FAST.withFailurePolicy(FailurePolicy.PARK));
            assertTrue(subscription.awaitPosition(2, Poll.WAIT));
            assertTrue(Poll.until(() -> observer.calls.contains("s1 stored 2")), () -> observer.calls.toString());
            subscription.close();
            List<String> told = observer.calls.stream().filter(call -> call.startsWith("s1 ")).toList();
            // A save after a second of handling may come between the others on a slow machine: saves apart.
            assertEquals(List.of("s1 subscribed", "s1 delivered 1", "s1 failed 2 attempt 1", "s1 retrying 2 attempt 2",
                    "s1 failed 2 attempt 2", "s1 parked 2", "s1 stopped"),
                    told.stream().filter(call -> !call.startsWith("s1 stored ")).toList());
            List<String> saves = told.stream().filter(call -> call.startsWith("s1 stored ")).toList();
            assertEquals("s1 stored 2", saves.get(saves.size() - 1));
            assertTrue(told.indexOf("s1 stored 2") > told.indexOf("s1 parked 2"), told::toString);
            assertTrue(observer.outcomes("read_feed_page").contains("read_feed_page:ok"));
        }

        @Test
        void aFeedPageTheBackendCannotServeIsToldAsAnError() throws InterruptedException {
            store(observer);
            try (EventStream stream = store.createStream("s")) {
                commit(stream);
            }
            // A StorageUnavailableException: the subscription retries, so the next page succeeds.
            engine.failNext(Call.READ_FEED, 1);
            try (Subscription subscription = store.subscribe(0, commit -> { }, FAST)) {
                assertTrue(subscription.awaitPosition(1, Poll.WAIT));
            }
            List<String> pages = observer.outcomes("read_feed_page");
            assertEquals("read_feed_page:unavailable", pages.get(0));
            assertTrue(pages.contains("read_feed_page:ok"));
        }
    }

    @Test
    void aDetachedSubscriptionsObserverHearsNothingAfterStopped() throws InterruptedException {
        Recording observer = new Recording();
        store = EventStore.builder().engine(engine).types(Noted.class).observer(observer)
                .closeGrace(Duration.ofMillis(200)).build();
        try (EventStream stream = store.createStream("s")) {
            commit(stream);
        }
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Subscription stuck = store.subscribe("stuck", commit -> {
            handling.countDown();
            awaitIgnoringInterrupts(release);
        }, FAST);
        assertTrue(handling.await(Poll.WAIT.toSeconds(), TimeUnit.SECONDS));
        stuck.close();
        assertTrue(observer.calls.contains("stuck stopped"), observer.calls::toString);
        release.countDown();
        assertTrue(Poll.until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("jeventstore-stuck"))), "the detached worker ends");
        List<String> told = observer.calls.stream().filter(call -> call.startsWith("stuck ")).toList();
        assertEquals("stuck stopped", told.get(told.size() - 1), told::toString);
    }

    @Test
    void aSubscriptionThatFailsToStartIsToldStoppedAndFreesItsName() throws InterruptedException {
        Recording observer = new Recording();
        store(observer);
        engine.fail(Call.TAKE_LEASE, 1, 1, () -> new StorageException("lease table missing"));
        assertThrows(StorageException.class, () -> store.subscribe("s1", commit -> { }, FAST));
        assertEquals(List.of("s1 subscribed", "s1 stopped"),
                observer.calls.stream().filter(call -> call.startsWith("s1 ")).toList());
        try (Subscription again = store.subscribe("s1", commit -> { }, FAST)) {
            assertTrue(again.isRunning());
        }
    }

    @Test
    void closingTheStoreTellsTheObserverLastAfterItsSubscriptionsStopped() {
        Recording observer = new Recording();
        store(observer);
        store.subscribe("s1", commit -> { }, FAST);
        store.close();
        store.close();
        assertEquals(List.of("s1 stopped", "closed"), observer.calls.subList(observer.calls.size() - 2,
                observer.calls.size()));
        assertEquals(1, observer.calls.stream().filter("closed"::equals).count());
    }

    @Test
    void anEngineGivenAsAnObjectIsNamedLikeAProvider() {
        assertEquals("faulty", GuardedObserver.engineName(engine));
        assertEquals("other", GuardedObserver.engineName(new Object() { }));
    }

    @Test
    void outcomesTellUnavailableAndInvalidInputFromErrors() {
        assertEquals(Outcome.UNAVAILABLE, Outcome.of(new StorageUnavailableException("down")));
        assertEquals(Outcome.ERROR, Outcome.of(new StorageException("corrupt")));
        assertEquals(Outcome.INVALID, Outcome.of(new IllegalArgumentException("bad id")));
        assertEquals(Outcome.INVALID, Outcome.of(new NullPointerException("event")));
        assertEquals(Outcome.OK, Outcome.of(null));
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // A handler stuck past the close grace, as a blocking call that ignores interrupts would be.
            }
        }
    }

    @Test
    void theEngineIsNamedByTheUrisSchemeOrTheDatabaseOfAJdbcUri() {
        assertEquals("memory", GuardedObserver.engineName(StoreUri.parse("memory:shop")));
        assertEquals("mongodb", GuardedObserver.engineName(StoreUri.parse("mongodb://user:pw@host/db")));
        assertEquals("azure-tables", GuardedObserver.engineName(StoreUri.parse("azure-tables://account?key=k")));
        assertEquals("postgresql", GuardedObserver.engineName(StoreUri.parse("jdbc:postgresql://db/shop")));
        assertEquals("sqlite", GuardedObserver.engineName(StoreUri.parse("JDBC:SQLite:target/demo.db")));
        assertEquals("jdbc", GuardedObserver.engineName(StoreUri.parse("jdbc:")));
    }

    @Nested
    class FailingObserver {

        /** Throws from every call but {@code opened}, and from every observation it hands out. */
        private final StoreObserver throwing = new StoreObserver() {
            @Override
            public OperationObservation start(Operation operation) {
                if (operation == Operation.OPEN_STREAM) {
                    throw new IllegalStateException("observer broken in start");
                }
                return new OperationObservation() {
                    @Override
                    public void succeeded() {
                        throw new IllegalStateException("observer broken in succeeded");
                    }

                    @Override
                    public void failed(Throwable failure) {
                        throw new IllegalStateException("observer broken in failed");
                    }
                };
            }

            @Override
            public SubscriptionObserver subscribed(Subscription subscription) {
                return new SubscriptionObserver() {
                    @Override
                    public void delivered(long checkpoint) {
                        throw new IllegalStateException("observer broken in delivered");
                    }

                    @Override
                    public void positionStored(long checkpoint) {
                        throw new IllegalStateException("observer broken in positionStored");
                    }
                };
            }
        };

        @Test
        void anObserverThatThrowsBreaksNoCommitReadOrSubscription() throws InterruptedException {
            store(throwing);
            Commit committed;
            try (EventStream stream = store.createStream("s")) {
                committed = commit(stream);
            }
            assertEquals(1, committed.checkpoint());
            try (EventStream stream = store.openStream("s")) {
                assertEquals(1, stream.streamRevision());
                assertThrows(ConcurrencyException.class, () -> {
                    try (EventStream stale = store.createStream("s")) {
                        commit(stale);
                    }
                }, "the caller gets the store's exception, not the observer's");
            }
            try (Stream<Commit> feed = store.advanced().readAll(0)) {
                assertEquals(1, feed.count());
            }
            AtomicInteger handled = new AtomicInteger();
            try (Subscription subscription = store.subscribe("s1", commit -> handled.incrementAndGet(), FAST)) {
                assertTrue(subscription.awaitPosition(1, Poll.WAIT));
                assertTrue(subscription.isRunning());
            }
            assertEquals(1, handled.get());
            assertEquals(1, engine.positions().get("s1").orElseThrow().checkpoint());
        }

        /** Throws a {@link LinkageError}, as a Micrometer of another version on the class path would. */
        private final StoreObserver linkageBroken = new StoreObserver() {
            @Override
            public OperationObservation start(Operation operation) {
                if (operation == Operation.OPEN_STREAM) {
                    throw new NoSuchMethodError("start");
                }
                return new OperationObservation() {
                    @Override
                    public void succeeded() {
                        throw new NoSuchMethodError("succeeded");
                    }

                    @Override
                    public void failed(Throwable failure) {
                        throw new NoSuchMethodError("failed");
                    }
                };
            }

            @Override
            public SubscriptionObserver subscribed(Subscription subscription) {
                return new SubscriptionObserver() {
                    @Override
                    public void stopped() {
                        throw new NoClassDefFoundError("stopped");
                    }
                };
            }
        };

        @Test
        void anObserverThrowingALinkageErrorChangesNoOutcome() throws InterruptedException {
            store(linkageBroken);
            try (EventStream stream = store.createStream("s")) {
                assertEquals(1, commit(stream).checkpoint(), "a commit written is not reported failed");
            }
            try (EventStream stream = store.openStream("s")) {
                assertEquals(1, stream.streamRevision(), "an observer failing in start does not stop the open");
            }
            ConcurrencyException conflict = assertThrows(ConcurrencyException.class, () -> {
                try (EventStream stale = store.createStream("s")) {
                    commit(stale);
                }
            });
            assertTrue(List.of(conflict.getSuppressed()).stream().anyMatch(NoSuchMethodError.class::isInstance),
                    "the observer's failure is kept beside the store's");
            store.subscribe("s1", commit -> { }, FAST).close();
            try (Subscription again = store.subscribe("s1", commit -> { }, FAST)) {
                assertTrue(again.awaitPosition(1, Poll.WAIT), "the name was freed though stopped() threw");
            }
        }

        @Test
        void anObserverReturningNullIsTreatedAsNone() {
            store(new StoreObserver() {
                @Override
                public OperationObservation start(Operation operation) {
                    return null;
                }
            });
            try (EventStream stream = store.createStream("s")) {
                assertEquals(1, commit(stream).checkpoint());
            }
        }

        @Test
        void anObserverThatRefusesTheStoreFailsTheBuild() {
            IllegalStateException refused = new IllegalStateException("not this store");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> store(new StoreObserver() {
                        @Override
                        public void opened(EventStore opened, String engineName) {
                            throw refused;
                        }
                    }));
            assertSame(refused, thrown);
        }
    }
}
