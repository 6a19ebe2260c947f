package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.jeventstore.tck.TckEvents.ItemAdded;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two processes running the same named subscription on one storage, as two instances of a service do: one
 * delivers and the other waits, taking over when the first closes or stops renewing its lease, and a process
 * that lost its lease can never move the stored position. Each "process" is a store over its own engine
 * instance on the kit's storage ({@link PersistenceEngineTck#reopenEngine}).
 */
@Tag(DispatchContract.TAG)
abstract class LeaseContract extends Contract {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration LEASE = Duration.ofMillis(900);
    private static final SubscriptionOptions OPTIONS = SubscriptionOptions.defaults()
            .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
            .withPollInterval(Duration.ofMillis(50))
            .withLeaseTimeout(LEASE);

    private final String name = newId("lease");
    private final String stream = newStreamId();

    LeaseContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private static EventStore store(PersistenceEngine engine) {
        return EventStore.builder().engine(engine).pageSize(PersistenceEngineTck.PAGE_SIZE)
                .types(ItemAdded.class).build();
    }

    private Commit commitOne(EventStore store) {
        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            return events.add(EventMessage.of(new ItemAdded("sku", 1))).commitChanges(UUID.randomUUID());
        }
    }

    private CommitHandler collectInto(List<Long> delivered) {
        return commit -> {
            if (commit.bucketId().equals(bucket)) {
                delivered.add(commit.checkpoint());
            }
        };
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Checks {@code condition} until {@code period} has passed: it must hold throughout. */
    private static void holdsFor(Duration period, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            assertTrue(condition.getAsBoolean(), what);
            Thread.sleep(10);
        }
    }

    private Optional<Position> stored() {
        return engine().positions().get(name);
    }

    @Test
    void aSecondProcessWaitsWhileTheFirstDeliversAndTakesOverWhenItCloses() throws Exception {
        EventStore first = store(engine());
        EventStore second = store(reopen());
        List<Long> byFirst = new CopyOnWriteArrayList<>();
        List<Long> bySecond = new CopyOnWriteArrayList<>();

        Subscription one = first.subscribe(name, collectInto(byFirst), OPTIONS);
        await(one::isActive, "the first subscription takes the lease");
        Subscription two = second.subscribe(name, collectInto(bySecond), OPTIONS);
        holdsFor(LEASE.multipliedBy(3), () -> one.isActive() && !two.isActive(),
                "an idle holder keeps its lease by renewing it, and the second keeps waiting");
        Commit a = commitOne(first);
        Commit b = commitOne(second);
        assertTrue(one.awaitPosition(b.checkpoint(), WAIT), "the first delivers commits of both processes");
        assertFalse(two.isActive(), "the second waits");
        assertEquals(List.of(a.checkpoint(), b.checkpoint()), byFirst);

        one.close();
        assertEquals(b.checkpoint(), stored().orElseThrow().checkpoint(), "closing stores the position");
        await(two::isActive, "the second takes over once the first released its lease");
        Commit c = commitOne(first);
        assertTrue(two.awaitPosition(c.checkpoint(), WAIT));
        two.close();

        assertEquals(List.of(c.checkpoint()), bySecond,
                "the second resumed after the first's position, redelivering nothing");
        assertEquals(List.of(a.checkpoint(), b.checkpoint()), byFirst, "the first delivered nothing after closing");
    }

    @Test
    void aWaitingProcessTakesOverAStalledHolderWhichCanThenNeitherDeliverNorMoveThePosition() throws Exception {
        EventStore first = store(engine());
        EventStore second = store(reopen());
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        List<Long> byFirst = new CopyOnWriteArrayList<>();
        List<Long> bySecond = new CopyOnWriteArrayList<>();
        CommitHandler stalls = commit -> {
            if (commit.bucketId().equals(bucket)) {
                byFirst.add(commit.checkpoint());
                stalled.countDown();
                resume.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        };

        try (Subscription one = first.subscribe(name, stalls, OPTIONS)) {
            await(one::isActive, "the first subscription takes the lease");
            Commit a = commitOne(first);
            assertTrue(stalled.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the first is inside its handler");

            try (Subscription two = second.subscribe(name, collectInto(bySecond), OPTIONS)) {
                await(two::isActive, "the second takes over the lease the stalled first stopped renewing");
                assertTrue(two.awaitPosition(a.checkpoint(), WAIT), "the second delivers the stalled commit");
                resume.countDown();
                Commit b = commitOne(first);
                assertTrue(two.awaitPosition(b.checkpoint(), WAIT));
                await(() -> !one.isActive(), "the first knows it lost the lease");
                assertEquals(List.of(a.checkpoint(), b.checkpoint()), bySecond);
            }
            long released = stored().orElseThrow().checkpoint();
            one.close();
            assertEquals(released, stored().orElseThrow().checkpoint(), "the first never moved the position");
            assertEquals(List.of(a.checkpoint()), byFirst, "the first delivered nothing after losing its lease");
        }
    }

    @Test
    void aWaitingProcessRefusesToRedeliverAParkedCommit() throws Exception {
        EventStore first = store(engine());
        EventStore second = store(reopen());
        Commit parked = commitOne(first);
        engine().positions().put(new Position(name + "/parked/" + String.format("%019d", parked.checkpoint()),
                parked.checkpoint()));
        List<Long> bySecond = new CopyOnWriteArrayList<>();
        try (Subscription one = first.subscribe(name, commit -> { }, OPTIONS);
             Subscription two = second.subscribe(name, collectInto(bySecond), OPTIONS)) {
            await(one::isActive, "the first holds the lease");

            assertThrows(IllegalStateException.class, () -> two.redeliver(parked.checkpoint()),
                    "only the holder redelivers: the handlers of two processes would run side by side");
            assertEquals(List.of(), bySecond);
            assertEquals(List.of(parked.checkpoint()), one.parked(), "the commit stays parked");
        }
    }

    @Test
    void aHolderWhoseLeaseWasTakenCannotMoveThePosition() throws Exception {
        EventStore store = store(engine());
        List<Long> delivered = new CopyOnWriteArrayList<>();
        AtomicReference<Position> intruder = new AtomicReference<>();
        AtomicBoolean renewing = new AtomicBoolean(true);
        Thread renewer = new Thread(() -> renewWhile(renewing, intruder), "another-process");
        try (Subscription subscription = store.subscribe(name, collectInto(delivered), OPTIONS)) {
            await(subscription::isActive, "the subscription takes the lease");
            Commit a = commitOne(store);
            assertTrue(subscription.awaitPosition(a.checkpoint(), WAIT));
            await(() -> stored().map(Position::checkpoint).orElse(0L) >= a.checkpoint(), "the position is stored");

            // Another process takes the lease over, as after a pause longer than the lease timeout, and keeps it.
            await(() -> takeOver(a.checkpoint(), intruder), "another process takes the lease");
            renewer.start();
            commitOne(store);
            commitOne(store);

            await(() -> !subscription.isActive(), "the subscription notices it lost the lease");
            assertEquals(a.checkpoint(), stored().orElseThrow().checkpoint(), "the position is the new holder's");
        } finally {
            renewing.set(false);
            renewer.join(WAIT.toMillis());
        }
        Position last = stored().orElseThrow();
        assertTrue(last.lease().startsWith("another-process:"), "closing wrote over the new holder's position: " + last);
        assertEquals(intruder.get(), last, "the new holder's last write stands");
    }

    /** One attempt to take the lease from whatever is stored (a renewal may come in between: then false). */
    private boolean takeOver(long checkpoint, AtomicReference<Position> intruder) {
        Position current = stored().orElseThrow();
        Position taken = new Position(name, checkpoint, "another-process:1");
        if (engine().positions().replace(current, taken)) {
            intruder.set(taken);
            return true;
        }
        return false;
    }

    /** The other process renews its lease, as a live holder does, until the test ends. */
    private void renewWhile(AtomicBoolean renewing, AtomicReference<Position> intruder) {
        try {
            for (int n = 2; renewing.get(); n++) {
                Position current = intruder.get();
                Position next = new Position(name, current.checkpoint(), "another-process:" + n);
                if (!engine().positions().replace(current, next)) {
                    return;
                }
                intruder.set(next);
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
