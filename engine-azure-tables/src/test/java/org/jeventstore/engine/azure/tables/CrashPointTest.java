package org.jeventstore.engine.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.testbackends.Azurite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault injection: a writer "dies" right after each step of the commit protocol (its failure point throws, so
 * the later steps never run). Afterwards the commit is wholly present or wholly absent, the feed never shows a
 * later commit before the interrupted one is settled (no late arrival), and the next writer is not blocked.
 */
@ExtendWith(Azurite.class)
class CrashPointTest {

    private static final String BUCKET = "crash";

    /** What the failure point throws: a process that stops right there. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(Step step) {
            super("simulated crash after " + step, null, false, false);
        }
    }

    private final String table = "t" + UUID.randomUUID().toString().replace("-", "");
    private final List<PersistenceEngine> opened = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(PersistenceEngine::close);
    }

    /** An engine on this test's table that resolves pending rows older than {@code resolveAfterMillis}. */
    private PersistenceEngine engine(long resolveAfterMillis, FailurePoint failurePoint) {
        StoreUri uri = StoreUri.parse(Azurite.tableUri(table, "create=true&resolveAfterMillis=" + resolveAfterMillis));
        PersistenceEngine engine = AzureTablesEngineProvider.open(uri, new EngineOptions(2), List.of(), failurePoint);
        opened.add(engine);
        return engine;
    }

    /** A reader that never resolves: it can only wait for pending rows. */
    private PersistenceEngine patient() {
        return engine(3_600_000, FailurePoint.NONE);
    }

    /** A reader that settles every pending row it meets. */
    private PersistenceEngine resolving() {
        return engine(0, FailurePoint.NONE);
    }

    private static FailurePoint crashAfter(Step crashStep) {
        return (step, checkpoint) -> {
            if (step == crashStep) {
                throw new SimulatedCrash(step);
            }
        };
    }

    private static CommitAttempt first(String streamId) {
        return new CommitAttempt(BUCKET, streamId, 1, UUID.randomUUID(), 1, Instant.now(), "{}".getBytes(),
                List.of(new EventRecord("{}".getBytes(), new Payload("test.event", Payload.JSON,
                        ("{\"stream\":\"" + streamId + "\"}").getBytes()))));
    }

    private static List<CommitRecord> feed(PersistenceEngine engine, long after) {
        return toList(engine.readFeed(FeedRange.after(after)));
    }

    private static List<CommitRecord> stream(PersistenceEngine engine, String streamId) {
        return toList(engine.readStream(StreamRange.all(BUCKET, streamId)));
    }

    private static <T> List<T> toList(Stream<T> stream) {
        try (stream) {
            return stream.collect(Collectors.toList());
        }
    }

    private static List<UUID> ids(List<CommitRecord> commits) {
        return commits.stream().map(CommitRecord::commitId).toList();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void lastCheckpointNeverAnswersAReservationNotYetDone(Step crashStep) {
        PersistenceEngine patient = patient();
        CommitRecord before = patient.commit(first("before"));
        CommitAttempt interrupted = first("interrupted");
        assertThrows(SimulatedCrash.class, () -> engine(5_000, crashAfter(crashStep)).commit(interrupted));
        long reserved = before.checkpoint() + 1;

        assertEquals(crashStep == Step.MARKED_DONE ? reserved : before.checkpoint(), patient.lastCheckpoint(),
                "a PENDING row at the end is not counted; a DONE one is");
        assertEquals(feed(patient, 0).get(feed(patient, 0).size() - 1).checkpoint(), patient.lastCheckpoint());

        feed(resolving(), 0);

        assertEquals(crashStep == Step.RESERVED ? before.checkpoint() : reserved, patient.lastCheckpoint(),
                "once settled, rolled forward (stream written) or aborted (reserved only)");
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aCommitInterruptedAfterAnyStepEndsWhollyPresentOrWhollyAbsentWithoutLateArrivals(Step crashStep) {
        PersistenceEngine patient = patient();
        CommitRecord before = patient.commit(first("before"));
        CommitAttempt interrupted = first("interrupted");

        assertThrows(SimulatedCrash.class, () -> engine(5_000, crashAfter(crashStep)).commit(interrupted));
        CommitRecord after = patient.commit(first("after"));

        // the next writer was not blocked, and took a later checkpoint
        assertTrue(after.checkpoint() > before.checkpoint() + 1, after + " after " + before);
        boolean committed = crashStep != Step.RESERVED;
        List<CommitRecord> seenWhilePending = feed(patient, 0);
        if (crashStep == Step.MARKED_DONE) {
            assertEquals(List.of(before.commitId(), interrupted.commitId(), after.commitId()), ids(seenWhilePending));
        } else {
            // the interrupted commit is unsettled: a reader stops before it rather than return a later one
            assertEquals(List.of(before), seenWhilePending);
        }
        assertEquals(committed ? 1 : 0, stream(patient, "interrupted").size());

        List<CommitRecord> settled = feed(resolving(), 0);

        List<UUID> expected = committed
                ? List.of(before.commitId(), interrupted.commitId(), after.commitId())
                : List.of(before.commitId(), after.commitId());
        assertEquals(expected, ids(settled));
        assertEquals(expected, ids(feed(patient, 0)), "the settled row is settled for every reader");
        long lastSeen = seenWhilePending.get(seenWhilePending.size() - 1).checkpoint();
        assertEquals(settled.stream().filter(c -> c.checkpoint() > lastSeen).toList(), feed(patient, lastSeen),
                "a reader continuing from what it saw gets everything else, nothing below it");
        assertEquals(committed ? List.of(interrupted) : List.of(),
                stream(patient, "interrupted").stream().map(CommitRecord::attempt).toList());
        if (committed) {
            assertThrows(DuplicateCommitException.class, () -> patient.commit(interrupted),
                    "a retry of a commit that reached its stream is a duplicate");
        } else {
            CommitRecord retried = patient.commit(interrupted);
            assertTrue(retried.checkpoint() > after.checkpoint());
            assertEquals(List.of(retried), stream(patient, "interrupted"));
        }
    }

    @Test
    void aWriterDelayedPastItsReservationIsFencedOutAndRetriesUnderANewCheckpoint() {
        PersistenceEngine resolver = resolving();
        AtomicLong reserved = new AtomicLong();
        FailurePoint resolvedWhilePaused = (step, checkpoint) -> {
            if (step == Step.RESERVED && reserved.compareAndSet(0, checkpoint)) {
                // the writer stalls here long enough for a reader to take it for dead and void its fence
                assertEquals(List.of(), feed(resolver, 0));
            }
        };
        CommitAttempt attempt = first("slow");

        CommitRecord record = engine(5_000, resolvedWhilePaused).commit(attempt);

        assertTrue(record.checkpoint() > reserved.get(), record.checkpoint() + " after " + reserved.get());
        assertEquals(List.of(record), feed(resolver, 0));
        assertEquals(List.of(record), stream(resolver, "slow"));
    }

    @Test
    void aWriterFencedOutAgainAndAgainGivesUpHavingWrittenNothing() {
        PersistenceEngine resolver = resolving();
        FailurePoint alwaysTakenForDead = (step, checkpoint) -> {
            if (step == Step.RESERVED) {
                feed(resolver, 0);
            }
        };

        assertThrows(StorageUnavailableException.class,
                () -> engine(5_000, alwaysTakenForDead).commit(first("hopeless")));

        assertEquals(List.of(), feed(resolver, 0));
        assertEquals(List.of(), stream(resolver, "hopeless"));
    }

    @Test
    void aYoungPendingCommitOfAnotherBucketDoesNotHoldUpABucketsFeed() {
        PersistenceEngine patient = patient();
        CommitAttempt elsewhere = new CommitAttempt("other", "s", 1, UUID.randomUUID(), 1, Instant.now(),
                "{}".getBytes(), first("s").events());
        assertThrows(SimulatedCrash.class, () -> engine(5_000, crashAfter(Step.RESERVED)).commit(elsewhere));
        CommitRecord mine = patient.commit(first("mine"));

        assertEquals(List.of(mine), toList(patient.readFeed(FeedRange.after(BUCKET, 0))));
        assertEquals(List.of(), feed(patient, 0), "the all-buckets feed waits for the pending commit");
    }
}
