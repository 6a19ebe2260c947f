package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Named positions in the feed, stored durably by the engine for dispatchers and subscriptions, with the lease
 * of the process that holds them and the conditional write that takes and fences a lease.
 */
abstract class PositionContract extends Contract {

    private static final Duration LIMIT = Duration.ofMinutes(2);

    /** Leases are opaque to engines: these must come back exactly, whatever an engine stores natively. */
    private static final List<String> ODD_LEASES = List.of(" ", "owner-1 \u00e9\u00df/$.x:{}'\"\\ %00 \uD83D\uDD12",
            "l".repeat(Position.MAX_LEASE_LENGTH));

    private final String prefix = newId("position") + "/";
    private final String name = prefix + "a";

    PositionContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private static Position at(String name, long checkpoint, String lease) {
        return new Position(name, checkpoint, lease);
    }

    private Position at(long checkpoint, String lease) {
        return at(name, checkpoint, lease);
    }

    private Optional<Position> stored() {
        return engine().positions().get(name);
    }

    @Test
    void unknownPositionIsEmpty() {
        assertEquals(Optional.empty(), engine().positions().get(prefix + "unknown"));
    }

    @Test
    void savedPositionReadsBackWithoutALease() {
        engine().positions().put(new Position(name, 42));
        assertEquals(Optional.of(at(42, "")), stored());
    }

    @Test
    void savingAgainReplacesThePositionAndItsLease() {
        engine().positions().put(at(42, "holder-1"));
        engine().positions().put(at(7, "holder-2"));
        assertEquals(Optional.of(at(7, "holder-2")), stored());
        engine().positions().put(at(8, ""));
        assertEquals(Optional.of(at(8, "")), stored());
    }

    @Test
    void positionsAreListedByPrefixInNameOrderAcrossPages() {
        List<Position> saved = IntStream.of(3, 1, 4, 5, 2)
                .mapToObj(i -> at(prefix + "p" + i, i * 10L, i % 2 == 0 ? "" : "lease-" + i)).toList();
        saved.forEach(engine().positions()::put);
        engine().positions().put(new Position(prefix.substring(0, prefix.length() - 1) + "-other", 1));
        List<Position> expected = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> at(prefix + "p" + i, i * 10L, i % 2 == 0 ? "" : "lease-" + i)).toList();
        assertEquals(expected, toList(engine().positions().list(prefix)));
        assertEquals(List.of(at(prefix + "p3", 30, "lease-3")), toList(engine().positions().list(prefix + "p3")));
    }

    @Test
    @DisplayName("leases round-trip exactly through savePosition, replacePosition, position() and positions()")
    void leasesRoundTripExactly() {
        List<Position> expected = new ArrayList<>();
        for (int i = 0; i < ODD_LEASES.size(); i++) {
            Position saved = at(prefix + "saved-" + i, i, ODD_LEASES.get(i));
            Position replaced = at(prefix + "replaced-" + i, i, ODD_LEASES.get(i));
            engine().positions().put(saved);
            assertTrue(engine().positions().replace(null, replaced));
            assertEquals(Optional.of(saved), engine().positions().get(saved.name()));
            assertEquals(Optional.of(replaced), engine().positions().get(replaced.name()));
            expected.add(replaced);
            expected.add(saved);
        }
        expected.sort(Comparator.comparing(Position::name));
        assertEquals(expected, toList(engine().positions().list(prefix)));
    }

    @Test
    void deletedPositionIsGoneAndDeletingAnUnknownOneIsHarmless() {
        engine().positions().put(at(1, "holder"));
        engine().positions().delete(name);
        engine().positions().delete(prefix + "never-saved");
        assertEquals(Optional.empty(), stored());
        assertEquals(List.of(), toList(engine().positions().list(prefix)));
    }

    @Test
    void positionsSurviveClosingAndReopeningTheEngine() {
        engine().positions().put(at(5, "holder"));
        engine().close();
        PersistenceEngine reopened = reopen();
        assertEquals(Optional.of(at(5, "holder")), reopened.positions().get(name));
    }

    @Test
    void commitsSurviveClosingAndReopeningTheEngine() {
        List<CommitRecord> written = commits(newStreamId(), 3);
        engine().close();
        PersistenceEngine reopened = reopen();
        assertEquals(written, toList(reopened.readFeed(FeedRange.after(bucket, 0))));
    }

    @Test
    void purgeKeepsPositionsAndTheirLeases() {
        engine().positions().put(at(5, "holder"));
        commits(newStreamId(), 1);
        engine().purge(Optional.empty());
        assertEquals(Optional.of(at(5, "holder")), stored());
    }

    @Test
    void replaceWithNoExpectedPositionCreatesAnAbsentOne() {
        assertTrue(engine().positions().replace(null, at(5, "holder")));
        assertEquals(Optional.of(at(5, "holder")), stored());
    }

    @Test
    void replaceWithNoExpectedPositionReturnsFalseAndLeavesAStoredOne() {
        engine().positions().put(at(5, "holder"));
        assertFalse(engine().positions().replace(null, at(9, "other")));
        assertFalse(engine().positions().replace(null, at(5, "holder")), "even one equal to the stored one");
        assertEquals(Optional.of(at(5, "holder")), stored());
    }

    @Test
    void replaceOfTheStoredPositionStoresTheNextOne() {
        engine().positions().put(at(5, ""));
        assertTrue(engine().positions().replace(at(5, ""), at(5, "holder")), "taking the lease");
        assertEquals(Optional.of(at(5, "holder")), stored());
        assertTrue(engine().positions().replace(at(5, "holder"), at(9, "holder")), "moving the position");
        assertEquals(Optional.of(at(9, "holder")), stored());
        assertTrue(engine().positions().replace(at(9, "holder"), at(9, "holder")), "renewing it unchanged");
        assertTrue(engine().positions().replace(at(9, "holder"), at(9, "")), "releasing the lease");
        assertEquals(Optional.of(at(9, "")), stored());
    }

    @Test
    void replaceExpectingAnotherCheckpointReturnsFalseAndWritesNothing() {
        engine().positions().put(at(5, "holder"));
        assertFalse(engine().positions().replace(at(4, "holder"), at(6, "holder")));
        assertFalse(engine().positions().replace(at(6, "holder"), at(7, "holder")));
        assertEquals(Optional.of(at(5, "holder")), stored());
    }

    @Test
    @DisplayName("a replace expecting another lease returns false and writes nothing: a fenced-off holder cannot "
            + "move the position")
    void replaceExpectingAnotherLeaseReturnsFalseAndWritesNothing() {
        engine().positions().put(at(5, "holder"));
        assertFalse(engine().positions().replace(at(5, "stale-holder"), at(6, "stale-holder")));
        assertFalse(engine().positions().replace(at(5, ""), at(6, "")), "no lease is not any lease");
        assertEquals(Optional.of(at(5, "holder")), stored());
        engine().positions().put(at(5, ""));
        assertFalse(engine().positions().replace(at(5, "holder"), at(6, "holder")), "a released lease is not held");
        assertEquals(Optional.of(at(5, "")), stored());
    }

    @Test
    void replaceExpectingAPositionThatIsAbsentReturnsFalseAndWritesNothing() {
        assertFalse(engine().positions().replace(at(0, ""), at(1, "holder")));
        assertEquals(Optional.empty(), stored());
    }

    @Test
    void replaceWithNoExpectedPositionCreatesAgainAfterADelete() {
        assertTrue(engine().positions().replace(null, at(5, "holder")));
        engine().positions().delete(name);
        assertFalse(engine().positions().replace(at(5, "holder"), at(6, "holder")), "the deleted one is gone");
        assertTrue(engine().positions().replace(null, at(1, "next-holder")));
        assertEquals(Optional.of(at(1, "next-holder")), stored());
    }

    @Test
    @DisplayName("a replace whose positions name two positions throws IllegalArgumentException and writes nothing")
    void replaceOfMismatchedNamesIsRejectedBeforeAnythingIsWritten() {
        engine().positions().put(at(5, "holder"));
        Position other = at(prefix + "b", 6, "holder");
        assertThrows(IllegalArgumentException.class, () -> engine().positions().replace(at(5, "holder"), other));
        assertThrows(NullPointerException.class, () -> engine().positions().replace(at(5, "holder"), null));
        assertThrows(NullPointerException.class, () -> engine().positions().replace(null, null));
        assertEquals(Optional.of(at(5, "holder")), stored());
        assertEquals(Optional.empty(), engine().positions().get(other.name()));
    }

    @Test
    @DisplayName("replacePosition is conditional across engines: a second engine on the same storage sees the "
            + "first one's writes, and the first sees the second's")
    void replaceIsConditionalAcrossEngines() {
        PersistenceEngine second = reopen();
        assertTrue(engine().positions().replace(null, at(1, "first")));
        assertFalse(second.positions().replace(null, at(1, "second")));
        assertFalse(second.positions().replace(at(0, ""), at(1, "second")));
        assertTrue(second.positions().replace(at(1, "first"), at(2, "second")), "taking over the lease");
        assertFalse(engine().positions().replace(at(1, "first"), at(3, "first")), "the first holder is fenced off");
        assertEquals(Optional.of(at(2, "second")), stored());
        assertEquals(Optional.of(at(2, "second")), second.positions().get(name));
    }

    @Test
    @DisplayName("8 threads on two engines race replacePosition from the same expected position, 10 times: "
            + "exactly one wins each round and its position is stored")
    void racingReplacesHaveExactlyOneWinner() {
        int racers = 8;
        int rounds = 10;
        PersistenceEngine first = engine();
        PersistenceEngine second = reopen();
        assertTimeoutPreemptively(LIMIT, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                Position expected = null;
                for (int round = 1; round <= rounds; round++) {
                    CyclicBarrier start = new CyclicBarrier(racers);
                    List<Future<Boolean>> results = new ArrayList<>();
                    List<Position> attempts = new ArrayList<>();
                    for (int r = 0; r < racers; r++) {
                        PersistenceEngine racer = r % 2 == 0 ? first : second;
                        Position from = expected;
                        Position next = at(round, "round-" + round + "-racer-" + r);
                        attempts.add(next);
                        results.add(pool.submit(() -> {
                            start.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                            return racer.positions().replace(from, next);
                        }));
                    }
                    List<Position> won = new ArrayList<>();
                    for (int r = 0; r < racers; r++) {
                        if (await(results.get(r))) {
                            won.add(attempts.get(r));
                        }
                    }
                    assertEquals(1, won.size(), "winners of round " + round + ": " + won);
                    assertEquals(Optional.of(won.get(0)), stored(), "stored after round " + round);
                    expected = won.get(0);
                }
            } finally {
                pool.shutdownNow();
            }
        });
    }

    private static <T> T await(Future<T> future) throws InterruptedException {
        try {
            return future.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return fail("a concurrent replacePosition failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("a concurrent replacePosition did not finish within " + LIMIT);
        }
    }

    @Test
    void badPositionNamesAndLeasesAreRejected() {
        assertRejected(() -> engine().positions().get(null));
        assertRejected(() -> engine().positions().get(" "));
        assertRejected(() -> engine().positions().delete(""));
        assertRejected(() -> engine().positions().put(null));
        assertRejected(() -> engine().positions().list(null));
        assertRejected(() -> new Position(name, -1));
        assertRejected(() -> new Position("x".repeat(300), 1));
        assertRejected(() -> at(1, null));
        assertRejected(() -> at(1, "l".repeat(Position.MAX_LEASE_LENGTH + 1)));
        assertRejected(() -> at(1, "holder\n"));
        assertRejected(() -> at(1, "holder\uD800"));
        assertEquals(List.of(), toList(engine().positions().list(prefix)));
    }

    @Test
    void positionCallsAfterCloseThrowIllegalStateException() {
        engine().close();
        assertThrows(IllegalStateException.class, () -> engine().positions().get(name));
        assertThrows(IllegalStateException.class, () -> engine().positions().put(at(1, "")));
        assertThrows(IllegalStateException.class, () -> engine().positions().replace(null, at(1, "")));
        assertThrows(IllegalStateException.class, () -> engine().positions().replace(at(1, ""), at(2, "")));
        assertThrows(IllegalStateException.class, () -> engine().positions().delete(name));
        assertThrows(IllegalStateException.class, () -> consume(engine().positions().list(prefix)));
    }
}
