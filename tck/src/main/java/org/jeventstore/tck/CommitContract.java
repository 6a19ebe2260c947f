package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Commits: checkpoints, what is stored, idempotency and optimistic concurrency. */
abstract class CommitContract extends Contract {

    CommitContract(PersistenceEngineTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("the first commit of an empty store gets a checkpoint of 1 or more and is the whole feed")
    void firstCommitOfAnEmptyStoreStartsTheFeed() {
        CommitRecord first = commit(Attempts.first(bucket, newStreamId()));

        assertTrue(first.checkpoint() >= 1, "checkpoint " + first.checkpoint());
        assertEquals(List.of(first), feed());
        assertEquals(List.of(first), feed(FeedRange.after(first.checkpoint() - 1)));
    }

    @Test
    void checkpointsIncreaseWithEveryCommitAcrossStreamsAndBuckets() {
        String stream = newStreamId();
        CommitRecord a = commit(Attempts.first(bucket, stream));
        CommitRecord b = commit(Attempts.first(otherBucket, stream));
        CommitRecord c = commit(Attempts.next(a));
        CommitRecord d = commit(Attempts.first(bucket, newStreamId()));

        assertTrue(a.checkpoint() < b.checkpoint() && b.checkpoint() < c.checkpoint()
                && c.checkpoint() < d.checkpoint(), List.of(a, b, c, d).toString());
    }

    @Test
    void commitReturnsTheAttemptWithItsCheckpoint() {
        CommitAttempt attempt = Attempts.first(bucket, newStreamId()).events(3)
                .headers("{\"user\":\"tck\"}").build();

        CommitRecord record = engine().commit(attempt);

        assertEquals(attempt, record.attempt());
        assertEquals(attempt.streamRevision(), record.streamRevision());
        assertEquals(1, record.firstRevision());
        assertArrayEquals(attempt.headers(), record.headers());
    }

    @Test
    void storedCommitsReadBackEqualToWhatCommitReturned() {
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 3);

        assertEquals(committed, readStream(bucket, stream));
        assertEquals(committed, feed());
    }

    @Test
    void multiEventCommitIsStoredWholeAndInOrder() {
        String stream = newStreamId();
        CommitAttempt attempt = Attempts.first(bucket, stream).events(
                Events.json("{\"n\":1}"), Events.json("{\"n\":2}"), Events.json("{\"n\":3}")).build();

        engine().commit(attempt);

        List<CommitRecord> read = readStream(bucket, stream);
        assertEquals(1, read.size());
        assertEquals(attempt.events(), read.get(0).events());
        assertEquals(3, read.get(0).streamRevision());
    }

    @Test
    @DisplayName("the commit stamp is kept to the millisecond")
    void commitStampIsKeptToTheMillisecond() {
        String stream = newStreamId();
        Instant stamp = Instant.parse("2024-02-29T23:59:59.123456789Z");

        commit(Attempts.first(bucket, stream).stamp(stamp));

        assertEquals(Instant.parse("2024-02-29T23:59:59.123Z"), readStream(bucket, stream).get(0).commitStamp());
    }

    @Test
    void binaryPayloadWithItsTypeAndContentTypeRoundTrips() {
        String stream = newStreamId();
        byte[] bytes = {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff, 0};
        EventRecord event = new EventRecord(Events.utf8("{}"),
                new Payload("tck.binary-v2", "application/octet-stream", bytes));

        commit(Attempts.first(bucket, stream).events(event));

        Payload read = readStream(bucket, stream).get(0).events().get(0).body();
        assertEquals("tck.binary-v2", read.type());
        assertEquals("application/octet-stream", read.contentType());
        assertArrayEquals(bytes, read.data());
    }

    @Test
    void commitWithSameCommitIdThrowsDuplicateCommitException() {
        CommitRecord first = commit(Attempts.first(bucket, newStreamId()));

        assertThrows(DuplicateCommitException.class,
                () -> commit(Attempts.next(first).commitId(first.commitId())));
    }

    @Test
    @DisplayName("re-sending the identical attempt is a duplicate, not a concurrency conflict")
    void resendingTheIdenticalAttemptThrowsDuplicateCommitException() {
        CommitAttempt attempt = Attempts.first(bucket, newStreamId()).build();
        engine().commit(attempt);

        assertThrows(DuplicateCommitException.class, () -> engine().commit(attempt));
    }

    @Test
    void duplicateOfAnEarlierCommitIsDetectedAfterLaterCommits() {
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 3);

        assertThrows(DuplicateCommitException.class, () -> engine().commit(committed.get(0).attempt()));
    }

    @Test
    void sameCommitIdInAnotherStreamIsAccepted() {
        UUID commitId = UUID.randomUUID();
        commit(Attempts.first(bucket, newStreamId()).commitId(commitId));

        CommitRecord other = commit(Attempts.first(bucket, newStreamId()).commitId(commitId));

        assertEquals(commitId, other.commitId());
    }

    @Test
    void sameCommitIdInAnotherBucketIsAccepted() {
        String stream = newStreamId();
        UUID commitId = UUID.randomUUID();
        commit(Attempts.first(bucket, stream).commitId(commitId));

        CommitRecord other = commit(Attempts.first(otherBucket, stream).commitId(commitId));

        assertEquals(List.of(other), readStream(otherBucket, stream));
    }

    @Test
    void commitWithTakenSequenceThrowsConcurrencyException() {
        String stream = newStreamId();
        commit(Attempts.first(bucket, stream));

        assertThrows(ConcurrencyException.class, () -> commit(Attempts.first(bucket, stream)));
    }

    @Test
    void commitWithTakenSequenceButLaterRevisionsThrowsConcurrencyException() {
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 2);

        assertThrows(ConcurrencyException.class,
                () -> commit(Attempts.at(bucket, stream, 2, committed.get(1).streamRevision())));
    }

    @Test
    @DisplayName("next sequence over a revision range already stored throws ConcurrencyException")
    void commitWithTakenRevisionRangeThrowsConcurrencyException() {
        String stream = newStreamId();
        commit(Attempts.first(bucket, stream));

        assertThrows(ConcurrencyException.class, () -> commit(Attempts.at(bucket, stream, 2, 0)));
    }

    /**
     * Stores one commit of revisions 1..3, then asserts that the next free sequence with revisions
     * {@code previousRevision + 1 .. previousRevision + events} is refused and leaves the stream, the feed and
     * the stream head as they were. Such an attempt cannot come from a stream that read the whole commit, but
     * one loaded up to a revision inside it would send one; two events of one revision must never be stored.
     */
    private void assertNextSequenceOverlappingTheStoredCommitIsRefused(long previousRevision, int events) {
        String stream = newStreamId();
        CommitRecord stored = commit(Attempts.first(bucket, stream).events(3));
        List<CommitRecord> feedBefore = feed();

        assertThrows(ConcurrencyException.class,
                () -> commit(Attempts.at(bucket, stream, 2, previousRevision).events(events)));

        assertEquals(List.of(stored), readStream(bucket, stream));
        assertEquals(feedBefore, feed());
        assertEquals(List.of(new StreamHead(bucket, stream, 3, 0)), heads(bucket, 1));
        CommitRecord next = commit(Attempts.next(stored));
        assertEquals(List.of(stored, next), readStream(bucket, stream));
    }

    @Test
    @DisplayName("next sequence over revisions 3..3 of a stored 1..3 (a stream loaded up to revision 2) throws "
            + "ConcurrencyException and writes nothing")
    void nextSequenceStartingInsideTheLastCommitThrowsConcurrencyException() {
        assertNextSequenceOverlappingTheStoredCommitIsRefused(2, 1);
    }

    @Test
    @DisplayName("next sequence over revisions 2..4 of a stored 1..3 throws ConcurrencyException and writes nothing")
    void nextSequenceSpanningTheEndOfTheLastCommitThrowsConcurrencyException() {
        assertNextSequenceOverlappingTheStoredCommitIsRefused(1, 3);
    }

    @Test
    void failedConcurrentCommitWritesNothing() {
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 2);
        List<CommitRecord> feedBefore = feed();

        assertThrows(ConcurrencyException.class, () -> commit(Attempts.at(bucket, stream, 2, 1).events(4)));

        assertEquals(committed, readStream(bucket, stream));
        assertEquals(feedBefore, feed());
        assertEquals(2, heads(bucket, 1).get(0).headRevision());
    }

    @Test
    void failedDuplicateCommitWritesNothing() {
        String stream = newStreamId();
        CommitRecord first = commit(Attempts.first(bucket, stream));

        assertThrows(DuplicateCommitException.class,
                () -> commit(Attempts.next(first).commitId(first.commitId()).events(2)));

        assertEquals(List.of(first), readStream(bucket, stream));
        assertEquals(List.of(first), feed());
        assertEquals(1, heads(bucket, 1).get(0).headRevision());
    }

    @Test
    void nextSequenceAfterAConcurrencyFailureIsAccepted() {
        String stream = newStreamId();
        CommitRecord first = commit(Attempts.first(bucket, stream));
        assertThrows(ConcurrencyException.class, () -> commit(Attempts.first(bucket, stream)));

        CommitRecord second = commit(Attempts.next(first));

        assertEquals(List.of(first, second), readStream(bucket, stream));
        assertTrue(second.checkpoint() > first.checkpoint());
    }
}
