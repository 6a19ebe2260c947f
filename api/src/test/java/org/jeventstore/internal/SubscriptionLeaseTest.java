package org.jeventstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jeventstore.spi.Position;
import org.junit.jupiter.api.Test;

/** The lease on a controllable clock: when it is held, renewed, taken over and fenced off. */
class SubscriptionLeaseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(12);

    private final InMemoryEngine engine = new InMemoryEngine(10);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private SubscriptionLease lease() {
        return new SubscriptionLease(engine, "projection", TIMEOUT, now::get);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aFreeLeaseIsTakenAndHeldForThreeQuartersOfTheTimeoutRenewedAfterAThird() {
        SubscriptionLease lease = lease();

        assertEquals(Optional.of(7L), lease.tryAcquire(7));
        assertTrue(lease.isHeld());
        advance(Duration.ofSeconds(3));
        assertFalse(lease.renewalDue());
        advance(Duration.ofSeconds(1));
        assertTrue(lease.renewalDue());
        advance(Duration.ofSeconds(5));
        assertFalse(lease.isHeld(), "held for 9 of 12 seconds at most");
        assertTrue(lease.save(8), "a late renewal still works while nobody took over");
        assertTrue(lease.isHeld());
    }

    @Test
    void aWaiterTakesOverOnlyAStoredPositionUnchangedForTheWholeTimeoutAndFencesTheOldHolder() {
        SubscriptionLease holder = lease();
        SubscriptionLease waiter = lease();
        holder.tryAcquire(0);

        assertEquals(Optional.empty(), waiter.tryAcquire(0), "first look: another holds it");
        advance(Duration.ofSeconds(11));
        assertEquals(Optional.empty(), waiter.tryAcquire(0), "unchanged for 11 of 12 seconds");
        assertTrue(holder.save(5), "the holder renews");
        advance(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), waiter.tryAcquire(0), "a renewal starts the wait again");
        advance(Duration.ofSeconds(11));
        assertEquals(Optional.empty(), waiter.tryAcquire(0));
        advance(Duration.ofSeconds(1));

        assertEquals(Optional.of(5L), waiter.tryAcquire(0), "unchanged for the whole timeout: taken over");
        assertFalse(holder.save(6), "the old holder is fenced off");
        assertEquals(5, engine.get("projection").orElseThrow().checkpoint());
    }

    @Test
    void releasingFreesTheLeaseForAWaiterAtOnce() {
        SubscriptionLease holder = lease();
        SubscriptionLease waiter = lease();
        holder.tryAcquire(0);
        holder.save(3);
        assertEquals(Optional.empty(), waiter.tryAcquire(0));

        holder.release(4);

        assertEquals(new Position("projection", 4), engine.get("projection").orElseThrow());
        assertEquals(Optional.of(4L), waiter.tryAcquire(0));
        assertFalse(holder.save(5));
    }

    @Test
    void aWriteThatAppliedButWasReportedLostIsRecognisedAsItsOwn() {
        SubscriptionLease holder = lease();
        holder.tryAcquire(0);
        Position ours = engine.get("projection").orElseThrow();
        // As if a save had applied and its answer was lost: the stored lease is the holder's, but not the one
        // it last knew of.
        engine.put(new Position("projection", 9, ours.lease().substring(0, ours.lease().indexOf(':')) + ":99"));

        assertTrue(holder.save(10));
        assertEquals(10, engine.get("projection").orElseThrow().checkpoint());
    }
}
