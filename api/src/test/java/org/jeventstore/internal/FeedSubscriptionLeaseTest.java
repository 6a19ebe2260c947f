package org.jeventstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.EventType;
import org.jeventstore.spi.Position;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A named subscription's worker around its lease, against another process played by a {@link SubscriptionLease}
 * on a controllable clock (so it takes over at once, without waiting a real timeout) on the same engine.
 */
class FeedSubscriptionLeaseTest {

    @EventType("test.leased")
    record Leased(int n) {
    }

    private static final String NAME = "projection";
    /** Renewal due after 500 ms, held for 1125 ms after a write. */
    private static final Duration LEASE = Duration.ofMillis(1500);
    /** Longer than a third of {@link #LEASE}: a renewal is due when the back-off ends. */
    private static final Duration BACKOFF = Duration.ofMillis(600);

    private final InMemoryEngine engine = new InMemoryEngine(10);
    private final EventStore store = EventStore.builder().engine(engine).types(Leased.class)
            .closeGrace(Duration.ofMillis(200)).build();
    private final AtomicLong otherClock = new AtomicLong(1_000_000_000L);
    /** The other process; used by the test thread only. */
    private final SubscriptionLease other = new SubscriptionLease(engine, NAME, Duration.ofMinutes(1), otherClock::get);

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Commit commit() {
        try (EventStream stream = store.openStream("s-" + UUID.randomUUID())) {
            stream.add(EventMessage.of(new Leased(1)));
            return stream.commitChanges(UUID.randomUUID());
        }
    }

    private static SubscriptionOptions parking() {
        return SubscriptionOptions.defaults().withRetry(new RetryPolicy(3, BACKOFF, BACKOFF))
                .withFailurePolicy(FailurePolicy.PARK).withPollInterval(Duration.ofMillis(20)).withLeaseTimeout(LEASE);
    }

    /**
     * The other process takes the lease over as stale: it saw the stored position unchanged for its timeout
     * (looking again if the subscription renewed in between).
     */
    private void otherTakesOver() {
        assertTrue(Poll.until(() -> {
            boolean taken = other.tryAcquire(0).isPresent();
            otherClock.addAndGet(Duration.ofMinutes(1).toNanos());
            return taken;
        }), "never took the lease over");
    }

    /**
     * Whether {@code condition} came true within {@link Poll#WAIT}, the other process renewing its lease all the
     * while, so that the subscription cannot take it back as stale.
     */
    private boolean otherRenewingUntil(BooleanSupplier condition) {
        long stored = engine.get(NAME).orElseThrow().checkpoint();
        return Poll.until(condition, Poll.WAIT, () -> assertTrue(other.save(stored)));
    }

    private void awaitLost(Subscription subscription) {
        assertTrue(otherRenewingUntil(() -> !subscription.isActive()), "still delivering without its lease");
    }

    @Test
    void aProcessThatLostItsLeaseWhileRetryingNeitherRetriesNorParksTheCommitInHand() throws Exception {
        Commit poison = commit();
        AtomicLong calls = new AtomicLong();
        CountDownLatch failing = new CountDownLatch(1);
        CountDownLatch tookOver = new CountDownLatch(1);
        CommitHandler fails = c -> {
            if (calls.incrementAndGet() == 1) {
                failing.countDown();
                tookOver.await();
            }
            throw new IllegalStateException("bus down");
        };
        try (Subscription subscription = store.subscribe(NAME, fails, parking())) {
            assertTrue(failing.await(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            otherTakesOver();
            tookOver.countDown();

            awaitLost(subscription);

            assertEquals(1, calls.get(), "retried checkpoint " + poison.checkpoint() + " without the lease");
            assertEquals(List.of(), subscription.parked(), "parked without the lease");
        }
    }

    @Test
    void aProcessThatLostItsLeaseInItsLastAttemptDoesNotParkTheCommitInHand() throws Exception {
        Commit poison = commit();
        AtomicLong calls = new AtomicLong();
        CountDownLatch failing = new CountDownLatch(1);
        CountDownLatch tookOver = new CountDownLatch(1);
        CommitHandler slowThenFails = c -> {
            long entered = System.nanoTime();
            calls.incrementAndGet();
            failing.countDown();
            tookOver.await();
            // Slow work: past a third of the lease since the worker last wrote it, so its renewal is due
            long renewalDue = entered + LEASE.dividedBy(3).plus(Duration.ofMillis(100)).toNanos();
            Poll.until(() -> System.nanoTime() - renewalDue >= 0);
            throw new IllegalStateException("bus down");
        };
        SubscriptionOptions parksAtOnce = parking().withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
        try (Subscription subscription = store.subscribe(NAME, slowThenFails, parksAtOnce)) {
            assertTrue(failing.await(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            otherTakesOver();
            tookOver.countDown();

            awaitLost(subscription);

            assertEquals(List.of(), subscription.parked(), "parked checkpoint " + poison.checkpoint()
                    + " without the lease");
            assertEquals(1, calls.get());
        }
    }

    @Test
    void aProcessThatLostItsLeaseRefusesToRedeliverAndKeepsTheCommitParked() throws Exception {
        Commit poison = commit();
        AtomicBoolean poisoned = new AtomicBoolean(true);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        CommitHandler handler = c -> {
            if (poisoned.get()) {
                throw new IllegalStateException("poison");
            }
            delivered.add(c.checkpoint());
        };
        SubscriptionOptions parksAtOnce = parking().withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
        try (Subscription subscription = store.subscribe(NAME, handler, parksAtOnce)) {
            assertTrue(subscription.awaitPosition(poison.checkpoint(), Poll.WAIT));
            assertEquals(List.of(poison.checkpoint()), subscription.parked());
            otherTakesOver();
            awaitLost(subscription);
            poisoned.set(false);

            CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    return subscription.redeliver(poison.checkpoint());
                } catch (Exception e) {
                    return e;
                }
            });
            assertTrue(otherRenewingUntil(outcome::isDone));

            assertInstanceOf(IllegalStateException.class, outcome.get());

            assertEquals(List.of(), delivered, "redelivered without the lease");
            assertEquals(List.of(poison.checkpoint()), subscription.parked());
        }
    }

    @Test
    void aDetachedWorkerKeepsItsLeaseSoThatNoWaitingProcessDeliversBesideItsStuckHandler() throws Exception {
        commit();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch unstuck = new CountDownLatch(1);
        CommitHandler stuck = c -> {
            entered.countDown();
            while (unstuck.getCount() > 0) {
                try {
                    unstuck.await();
                } catch (InterruptedException ignoredLikeAStuckHandler) {
                    // a handler that does not answer interrupts: close() gives up waiting and detaches the worker
                }
            }
        };
        Subscription subscription = store.subscribe(NAME, stuck, parking());
        try {
            assertTrue(entered.await(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            subscription.close();

            Position stored = engine.get(NAME).orElseThrow();
            assertFalse(stored.lease().isEmpty(), "the lease was released: " + stored);
            assertEquals(Optional.empty(), other.tryAcquire(0),
                    "a waiting process took over while the detached handler still runs");
        } finally {
            unstuck.countDown();
        }
    }

    @Test
    void aLeaseTakenAfterTheStoredPositionWasRemovedStartsFromTheSubscriptionsOwnStart() throws Exception {
        Commit first = commit();
        Commit second = commit();
        Commit third = commit();
        assertTrue(other.tryAcquire(0).isPresent());
        assertTrue(other.save(second.checkpoint()));
        List<Long> delivered = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store.subscribe(NAME, c -> delivered.add(c.checkpoint()), parking())) {
            assertFalse(subscription.isActive(), "the other process holds the lease");

            engine.delete(NAME);

            assertTrue(subscription.awaitPosition(third.checkpoint(), Poll.WAIT), "never took the free lease");
            assertEquals(List.of(first.checkpoint(), second.checkpoint(), third.checkpoint()), delivered,
                    "started from the position stored before it was removed");
        }
    }
}
