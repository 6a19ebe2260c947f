package org.jeventstore.internal;


import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.EventType;
import org.jeventstore.StorageException;
import org.jeventstore.internal.FaultyEngine.Call;
import org.jeventstore.spi.Position;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subscription worker over an engine that fails on demand. Every wait is a latch or a bounded poll; a
 * back-off is proven by the time between two calls, which the code under test bounds from below.
 */
class FeedSubscriptionTest {

    @EventType("test.noted")
    record Noted(int n) {
    }

    private static final Duration BACKOFF = Duration.ofMillis(300);

    private final FaultyEngine engine = new FaultyEngine();
    private final EventStore store = EventStore.builder().engine(engine).types(Noted.class)
            .closeGrace(Duration.ofMillis(200)).build();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Commit commit() {
        try (EventStream stream = store.openStream("s-" + UUID.randomUUID())) {
            stream.add(EventMessage.of(new Noted(1)));
            return stream.commitChanges(UUID.randomUUID());
        }
    }

    private static SubscriptionOptions retrying(int attempts, Duration backoff) {
        return SubscriptionOptions.defaults().withRetry(new RetryPolicy(attempts, backoff, backoff))
                .withPollInterval(Duration.ofMillis(20));
    }

    @Nested
    class BackOff {

        @Test
        void aHandlerRetryWaitsItsWholeBackOffWhileLocalCommitsArrive() throws Exception {
            List<Long> calls = new CopyOnWriteArrayList<>();
            Commit first = commit();
            CommitHandler failsOnce = commit -> {
                if (commit.checkpoint() == first.checkpoint()) {
                    calls.add(System.nanoTime());
                    if (calls.size() == 1) {
                        throw new IllegalStateException("bus down");
                    }
                }
            };
            try (Subscription subscription = store.subscribe(0, failsOnce, retrying(3, BACKOFF))) {
                assertTrue(Poll.until(() -> calls.size() == 1));
                assertTrue(Poll.until(() -> calls.size() == 2, Poll.WAIT, FeedSubscriptionTest.this::commit),
                        "retried at last");
                long waited = calls.get(1) - calls.get(0);
                assertTrue(waited >= BACKOFF.toNanos(), "the local commits cut the back-off short: retried after "
                        + TimeUnit.NANOSECONDS.toMillis(waited) + " ms");
                assertTrue(subscription.awaitPosition(first.checkpoint(), Poll.WAIT));
            }
        }

        @Test
        void aFeedReadRetryWaitsItsWholeBackOffWhileLocalCommitsArrive() throws Exception {
            SubscriptionOptions wokenOnly = retrying(3, BACKOFF).withPollInterval(Duration.ofHours(1));
            try (Subscription subscription = store.subscribe(0, commit -> { }, wokenOnly)) {
                Commit seen = commit();
                assertTrue(subscription.awaitPosition(seen.checkpoint(), Poll.WAIT));
                engine.failNext(Call.READ_FEED, 1);
                Commit next = commit();
                assertTrue(Poll.until(() -> engine.retried(Call.READ_FEED), Poll.WAIT,
                        FeedSubscriptionTest.this::commit), "read again at last");
                long waited = engine.retriedAfter(Call.READ_FEED);
                assertTrue(waited >= BACKOFF.toNanos(), "the local commits cut the back-off short: read again after "
                        + TimeUnit.NANOSECONDS.toMillis(waited) + " ms");
                assertTrue(subscription.awaitPosition(next.checkpoint(), Poll.WAIT));
            }
        }
    }

    @Nested
    class StorageOutage {

        private final SubscriptionOptions fastRetries = retrying(3, Duration.ofMillis(1))
                .withFailurePolicy(FailurePolicy.PARK);

        private long stored(String name) {
            return engine.storage().positions().get(name).map(Position::checkpoint).orElse(0L);
        }

        @Test
        void anOutageWhileSavingThePositionOutlastingEveryRetryIsWaitedOut() throws Exception {
            List<Long> delivered = new CopyOnWriteArrayList<>();
            engine.failNext(Call.SAVE_POSITION, 10);
            try (Subscription subscription = store.subscribe("projection", c -> delivered.add(c.checkpoint()),
                    fastRetries)) {
                Commit first = commit();
                Commit second = commit();
                Poll.until(() -> stored("projection") == second.checkpoint() || !subscription.isRunning());
                assertTrue(subscription.isRunning(), "running: " + subscription.failure());
                assertEquals(second.checkpoint(), stored("projection"));
                assertEquals(List.of(first.checkpoint(), second.checkpoint()), delivered);
                assertTrue(engine.count(Call.SAVE_POSITION) > 10);
            }
        }

        @Test
        void anOutageWhileParkingACommitOutlastingEveryRetryIsWaitedOutAndTheCommitParked() throws Exception {
            List<Long> delivered = new CopyOnWriteArrayList<>();
            Commit poison = commit();
            engine.failNext(Call.SAVE_PARKED, 10);
            CommitHandler handler = c -> {
                if (c.checkpoint() == poison.checkpoint()) {
                    throw new IllegalStateException("poison");
                }
                delivered.add(c.checkpoint());
            };
            try (Subscription subscription = store.subscribe("parking", handler, fastRetries)) {
                Commit next = commit();
                assertTrue(subscription.awaitPosition(next.checkpoint(), Poll.WAIT), "went on after parking: "
                        + subscription.failure());
                assertEquals(List.of(poison.checkpoint()), subscription.parked());
                assertEquals(List.of(next.checkpoint()), delivered);
                assertTrue(subscription.isRunning());
            }
        }

        @Test
        void aStorageFailureThatIsNotRetryableEndsTheSubscription() throws Exception {
            StorageException broken = new StorageException("disk full");
            engine.fail(Call.SAVE_POSITION, 1, 1, () -> broken);
            try (Subscription subscription = store.subscribe("projection", c -> { }, fastRetries)) {
                Commit first = commit();
                assertTrue(Poll.until(() -> !subscription.isRunning()));
                assertEquals(broken, subscription.failure().orElseThrow());
                assertTrue(stored("projection") <= first.checkpoint());
            }
        }
    }

    @Nested
    class Redelivery {

        private final SubscriptionOptions parking = retrying(2, Duration.ZERO).withFailurePolicy(FailurePolicy.PARK);
        private final AtomicBoolean poisoned = new AtomicBoolean(true);
        private final List<Thread> poisonThreads = new CopyOnWriteArrayList<>();
        private final IllegalStateException poisonFailure = new IllegalStateException("poison");
        private Commit poison;

        /** Fails on {@link #poison} while {@link #poisoned}, noting the thread of every call on it. */
        private CommitHandler failingOnPoison(CommitHandler otherwise) {
            return c -> {
                if (c.checkpoint() == poison.checkpoint()) {
                    poisonThreads.add(Thread.currentThread());
                    if (poisoned.get()) {
                        throw poisonFailure;
                    }
                } else {
                    otherwise.handle(c);
                }
            };
        }

        /** Subscribes ({@code name} null for a position in memory) and waits until {@link #poison} is parked. */
        private Subscription subscribeAndPark(String name, CommitHandler otherwise) throws Exception {
            poison = commit();
            Subscription subscription = name == null ? store.subscribe(0, failingOnPoison(otherwise), parking)
                    : store.subscribe(name, failingOnPoison(otherwise), parking);
            assertTrue(subscription.awaitPosition(poison.checkpoint(), Poll.WAIT));
            assertEquals(List.of(poison.checkpoint()), subscription.parked());
            return subscription;
        }

        @Test
        void redeliverRunsTheHandlerOnTheWorkerThread() throws Exception {
            try (Subscription subscription = subscribeAndPark("parking", c -> { })) {
                Thread worker = poisonThreads.get(0);
                poisoned.set(false);
                assertTrue(subscription.redeliver(poison.checkpoint()));
                assertEquals(List.of(worker, worker, worker), poisonThreads);
                assertEquals(List.of(), subscription.parked());
            }
        }

        @Test
        void redeliverThrowsWhatTheHandlerThrewAndKeepsTheCommitParked() throws Exception {
            try (Subscription subscription = subscribeAndPark(null, c -> { })) {
                Exception thrown = assertThrows(Exception.class, () -> subscription.redeliver(poison.checkpoint()));
                assertSame(poisonFailure, thrown);
                assertEquals(List.of(poison.checkpoint()), subscription.parked());
            }
        }

        @Test
        void redeliverWaitsWhileTheWorkerIsInsideTheHandler() throws Exception {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean armed = new AtomicBoolean();
            CommitHandler blocks = c -> {
                if (armed.get()) {
                    entered.countDown();
                    release.await();
                }
            };
            try (Subscription subscription = subscribeAndPark("parking", blocks)) {
                int callsWhileParking = poisonThreads.size();
                poisoned.set(false);
                armed.set(true);
                commit();
                assertTrue(entered.await(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS));
                AtomicReference<Object> outcome = new AtomicReference<>();
                Thread caller = new Thread(() -> {
                    try {
                        outcome.set(subscription.redeliver(poison.checkpoint()));
                    } catch (Exception e) {
                        outcome.set(e);
                    }
                });
                caller.start();
                assertTrue(Poll.until(() -> caller.getState() == Thread.State.WAITING
                        || caller.getState() == Thread.State.TERMINATED));
                assertEquals(callsWhileParking, poisonThreads.size(),
                        "the redelivery called the handler while the worker was inside it");
                release.countDown();
                caller.join(Poll.WAIT.toMillis());
                assertEquals(true, outcome.get());
                assertEquals(callsWhileParking + 1, poisonThreads.size());
            }
        }

        @Test
        void redeliverFromTheHandlerItselfRunsAtOnce() throws Exception {
            AtomicReference<Subscription> self = new AtomicReference<>();
            AtomicReference<Object> outcome = new AtomicReference<>();
            try (Subscription subscription = subscribeAndPark("parking", c -> {
                if (self.get() != null) {
                    outcome.set(self.get().redeliver(poison.checkpoint()));
                }
            })) {
                poisoned.set(false);
                self.set(subscription);
                Commit trigger = commit();
                assertTrue(subscription.awaitPosition(trigger.checkpoint(), Poll.WAIT));
                assertEquals(true, outcome.get());
                assertEquals(List.of(), subscription.parked());
            }
        }

        @Test
        void redeliverOnAClosedSubscriptionIsRefused() throws Exception {
            Subscription subscription = subscribeAndPark("parking", c -> { });
            subscription.close();
            poisoned.set(false);
            assertThrows(IllegalStateException.class, () -> subscription.redeliver(poison.checkpoint()));
            assertEquals(2, poisonThreads.size(), "the handler was called only while parking");
        }
    }

    @Nested
    class EdgeValues {

        private final Duration forever = ChronoUnit.FOREVER.getDuration();

        @Test
        void awaitPositionTakesADurationBeyondTheNanosecondRangeAsVeryLong() throws Exception {
            try (Subscription subscription = store.subscribe(0, c -> { }, retrying(1, Duration.ZERO))) {
                Commit commit = commit();
                assertTrue(subscription.awaitPosition(commit.checkpoint(), forever));
            }
        }

        @Test
        void awaitPositionWithANegativeTimeoutLooksWithoutWaiting() throws Exception {
            try (Subscription subscription = store.subscribe(0, c -> { }, retrying(1, Duration.ZERO))) {
                Commit commit = commit();
                assertTrue(subscription.awaitPosition(commit.checkpoint(), Poll.WAIT));
                assertTrue(subscription.awaitPosition(commit.checkpoint(), Duration.ofSeconds(-1)));
                assertFalse(subscription.awaitPosition(commit.checkpoint() + 1, Duration.ofSeconds(-1)));
            }
        }

        @Test
        void aPollIntervalBeyondTheNanosecondRangeStillFollowsLocalCommits() throws Exception {
            SubscriptionOptions neverPolls = retrying(1, Duration.ZERO).withPollInterval(forever);
            try (Subscription subscription = store.subscribe(0, c -> { }, neverPolls)) {
                for (int i = 0; i < 2; i++) {
                    Commit commit = commit();
                    assertTrue(subscription.awaitPosition(commit.checkpoint(), Poll.WAIT), "stopped: "
                            + subscription.failure());
                }
            }
        }

        @Test
        void aRetryBackOffBeyondTheNanosecondRangeWaitsUntilClose() throws Exception {
            AtomicInteger calls = new AtomicInteger();
            Subscription subscription = store.subscribe(0, c -> {
                calls.incrementAndGet();
                throw new IllegalStateException("bus down");
            }, SubscriptionOptions.defaults().withRetry(new RetryPolicy(2, forever, forever)));
            commit();
            assertTrue(Poll.until(() -> calls.get() == 1));
            subscription.close();
            assertEquals(Optional.empty(), subscription.failure());
            assertEquals(1, calls.get());
        }
    }
}
