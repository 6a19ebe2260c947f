package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input fails with {@link NullPointerException} or {@link IllegalArgumentException} before anything is
 * written: the value types refuse to be built from it, and the engine refuses what reaches it directly (among it
 * the ids of a commit attempt, which the attempt itself keeps as given).
 */
abstract class BadInputContract extends Contract {

    private static final List<EventRecord> ONE_EVENT = List.of(Events.json("{}"));
    private static final byte[] NO_HEADERS = Events.utf8("{}");

    /** Strings that are not valid Unicode: engines would store them altered, so two ids could name one stream. */
    private static final List<String> LONE_SURROGATES = List.of("high\uD800", "\uDC00low", "swapped\uDC00\uD83D",
            "pair\uD83D\uDE80then\uD83D");

    BadInputContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private static CommitAttempt attempt(String bucketId, String streamId) {
        return new CommitAttempt(bucketId, streamId, 1, UUID.randomUUID(), 1, Instant.now(), NO_HEADERS,
                ONE_EVENT);
    }

    private static void assertInvalidIdsRejected(Consumer<String> use) {
        assertThrows(NullPointerException.class, () -> use.accept(null));
        assertThrows(IllegalArgumentException.class, () -> use.accept(""));
        assertThrows(IllegalArgumentException.class, () -> use.accept(" \t "));
        assertThrows(IllegalArgumentException.class, () -> use.accept("x".repeat(Ids.MAX_LENGTH + 1)));
        assertThrows(IllegalArgumentException.class, () -> use.accept("line\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> use.accept("nul\u0000"));
        for (String invalidUtf16 : LONE_SURROGATES) {
            assertThrows(IllegalArgumentException.class, () -> use.accept(invalidUtf16));
        }
    }

    /** Commits one commit to a stream of {@link #bucket}, to check later that a refused call left it alone. */
    private CommitRecord existing(String streamId) {
        CommitRecord record = commit(Attempts.first(bucket, streamId));
        assertTrue(engine().snapshots().add(new SnapshotRecord(bucket, streamId, 1, Events.payload("{}"))));
        return record;
    }

    private void assertUnchanged(CommitRecord record) {
        assertEquals(List.of(record), feed());
        assertEquals(List.of(record), readStream(record.bucketId(), record.streamId()));
        assertTrue(engine().snapshots().latest(new StreamKey(record.bucketId(), record.streamId()), Long.MAX_VALUE).isPresent());
    }

    @Test
    void commitWithInvalidBucketIdsIsRejectedAndWritesNothing() {
        assertInvalidIdsRejected(id -> engine().commit(attempt(id, newStreamId())));

        assertEquals(List.of(), feed());
    }

    @Test
    void commitWithInvalidStreamIdsIsRejectedAndWritesNothing() {
        assertInvalidIdsRejected(id -> engine().commit(attempt(bucket, id)));

        assertEquals(List.of(), feed());
    }

    /**
     * An attempt keeps any id, as an engine reads it from a store another program also writes (the C# NEventStore
     * takes ids of any length, with control characters); writing one is refused, by commit id and the rule.
     */
    @Test
    void commitOfAnAttemptWithAForeignStreamIdIsRejectedByItsCommitIdAndWritesNothing() {
        String foreign = "x".repeat(Ids.MAX_LENGTH + 44);
        CommitAttempt attempt = attempt(bucket, foreign);
        assertEquals(foreign, attempt.streamId());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> engine().commit(attempt));

        assertTrue(refused.getMessage().startsWith("Commit " + attempt.commitId() + " (sequence 1) cannot be "
                + "written: streamId is longer than " + Ids.MAX_LENGTH + " characters"), refused.getMessage());
        assertEquals(List.of(), feed());
    }

    @Test
    void attemptRejectsACommitWithoutEvents() {
        assertThrows(IllegalArgumentException.class, () -> new CommitAttempt(bucket, newStreamId(), 1,
                UUID.randomUUID(), 1, Instant.now(), NO_HEADERS, List.of()));
    }

    @Test
    void attemptRejectsASequenceBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new CommitAttempt(bucket, newStreamId(), 1,
                UUID.randomUUID(), 0, Instant.now(), NO_HEADERS, ONE_EVENT));
        assertThrows(IllegalArgumentException.class, () -> new CommitAttempt(bucket, newStreamId(), 1,
                UUID.randomUUID(), -1, Instant.now(), NO_HEADERS, ONE_EVENT));
    }

    @Test
    void attemptRejectsARevisionBelowItsEventCount() {
        assertThrows(IllegalArgumentException.class, () -> new CommitAttempt(bucket, newStreamId(), 1,
                UUID.randomUUID(), 1, Instant.now(), NO_HEADERS, List.of(Events.json("{}"), Events.json("{}"))));
    }

    @Test
    void attemptRejectsANullCommitId() {
        assertThrows(NullPointerException.class, () -> new CommitAttempt(bucket, newStreamId(), 1, null, 1,
                Instant.now(), NO_HEADERS, ONE_EVENT));
    }

    @Test
    void timeRangeRejectsFromAfterTo() {
        Instant now = Instant.now();
        assertThrows(IllegalArgumentException.class, () -> new TimeRange(bucket, now, now.minusMillis(1)));
    }

    @Test
    void commitOfNullIsRejectedAndWritesNothing() {
        assertRejected(() -> engine().commit(null));

        assertEquals(List.of(), feed());
    }

    @Test
    void readsOfNullRangesAreRejected() {
        assertRejected(() -> consume(engine().readStream(null)));
        assertRejected(() -> consume(engine().readFeed(null)));
    }

    @Test
    void snapshotWithInvalidIdsIsRejected() {
        String stream = newStreamId();
        existing(stream);

        assertRejected(() -> engine().snapshots().latest(new StreamKey(null, stream), Long.MAX_VALUE));
        assertRejected(() -> engine().snapshots().latest(new StreamKey(" ", stream), Long.MAX_VALUE));
        assertRejected(() -> engine().snapshots().latest(new StreamKey(bucket, null), Long.MAX_VALUE));
        assertRejected(() -> engine().snapshots().latest(new StreamKey(bucket, ""), Long.MAX_VALUE));
    }

    @Test
    void addSnapshotOfNullIsRejected() {
        String stream = newStreamId();
        CommitRecord record = existing(stream);

        assertRejected(() -> engine().snapshots().add(null));

        assertUnchanged(record);
    }

    @Test
    void streamsToSnapshotOfAnInvalidBucketIsRejected() {
        existing(newStreamId());

        assertRejected(() -> consume(engine().snapshots().streamsToSnapshot(null, 0)));
        assertRejected(() -> consume(engine().snapshots().streamsToSnapshot("", 0)));
        assertRejected(() -> consume(engine().snapshots().streamsToSnapshot("bad\u0007bucket", 0)));
    }

    @Test
    void deleteStreamWithInvalidIdsIsRejectedAndDeletesNothing() {
        String stream = newStreamId();
        CommitRecord record = existing(stream);

        assertRejected(() -> engine().deleteStream(new StreamKey(null, stream)));
        assertRejected(() -> engine().deleteStream(new StreamKey(" ", stream)));
        assertRejected(() -> engine().deleteStream(new StreamKey(bucket, null)));
        assertRejected(() -> engine().deleteStream(new StreamKey(bucket, "\t")));

        assertUnchanged(record);
    }

    @Test
    @DisplayName("purge(bucket) of a null or blank bucket is rejected and purges nothing")
    void purgeOfAnInvalidBucketIsRejectedAndPurgesNothing() {
        CommitRecord record = existing(newStreamId());

        assertRejected(() -> engine().purge(Optional.of(null)));
        assertRejected(() -> engine().purge(Optional.of("")));
        assertRejected(() -> engine().purge(Optional.of("x".repeat(Ids.MAX_LENGTH + 1))));

        assertUnchanged(record);
    }

    @Test
    @DisplayName("ids that are not valid Unicode (a lone surrogate) are rejected by every call, writing nothing")
    void idsWithALoneSurrogateAreRejectedEverywhere() {
        String stream = newStreamId();
        CommitRecord record = existing(stream);
        for (String id : LONE_SURROGATES) {
            assertRejected(() -> consume(engine().readStream(new StreamRange(id, stream, 0,
                    Long.MAX_VALUE))));
            assertRejected(() -> engine().snapshots().latest(new StreamKey(bucket, id), Long.MAX_VALUE));
            assertRejected(() -> engine().deleteStream(new StreamKey(id, stream)));
            assertRejected(() -> engine().deleteStream(new StreamKey(bucket, id)));
            assertRejected(() -> engine().purge(Optional.of(id)));
            assertRejected(() -> consume(engine().snapshots().streamsToSnapshot(id, 0)));
            assertRejected(() -> engine().positions().get(id));
            assertRejected(() -> engine().positions().delete(id));
        }
        assertUnchanged(record);
    }

    @Test
    @DisplayName("ids of the maximum length (" + Ids.MAX_LENGTH + ") are accepted everywhere")
    void idsOfTheMaximumLengthAreAccepted() {
        String longBucket = "b".repeat(Ids.MAX_LENGTH - 36) + UUID.randomUUID();
        String longStream = "s".repeat(Ids.MAX_LENGTH - 36) + UUID.randomUUID();

        assertAcceptedEverywhere(longBucket, longStream);
    }

    @Test
    @DisplayName("ids with / # ? % & quotes . $ spaces and non-ASCII characters are accepted everywhere")
    void idsWithReservedAndNonAsciiCharactersAreAccepted() {
        String oddBucket = "tenant/ä#1?x=y&z%20 " + UUID.randomUUID();
        String oddStream = "cart/42#a?b=c&d\\e'f\"g%2F.$h ü € \uD83D\uDE80 " + UUID.randomUUID();

        assertAcceptedEverywhere(oddBucket, oddStream);
    }

    private void assertAcceptedEverywhere(String bucketId, String streamId) {
        List<CommitRecord> committed = commits(bucketId, streamId, 3);
        SnapshotRecord snapshot = new SnapshotRecord(bucketId, streamId, 2, Events.payload("{}"));

        assertTrue(engine().snapshots().add(snapshot));
        assertEquals(committed, readStream(bucketId, streamId));
        assertEquals(committed, feed(FeedRange.after(bucketId, 0)));
        assertEquals(Optional.of(snapshot), engine().snapshots().latest(new StreamKey(bucketId, streamId), Long.MAX_VALUE));
        assertEquals(List.of(new StreamHead(bucketId, streamId, 3, 2)), heads(bucketId, 1));

        engine().deleteStream(new StreamKey(bucketId, streamId));
        assertEquals(List.of(), readStream(bucketId, streamId));
    }
}
