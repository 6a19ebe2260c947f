package org.jeventstore.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommitAttemptTest {

    private static final byte[] NO_HEADERS = "{}".getBytes(StandardCharsets.UTF_8);
    private static final EventRecord EVENT = new EventRecord(NO_HEADERS,
            new Payload("t", Payload.JSON, "{}".getBytes(StandardCharsets.UTF_8)));

    private static CommitAttempt attempt(String bucket, String stream, long revision, long sequence,
                                         List<EventRecord> events) {
        return new CommitAttempt(bucket, stream, revision, UUID.randomUUID(), sequence, Instant.now(), NO_HEADERS,
                events);
    }

    @Test
    void stampIsTruncatedToMilliseconds() {
        Instant stamp = Instant.parse("2026-01-02T03:04:05.123456789Z");
        CommitAttempt attempt = new CommitAttempt("b", "s", 1, UUID.randomUUID(), 1, stamp, NO_HEADERS,
                List.of(EVENT));
        assertEquals(Instant.parse("2026-01-02T03:04:05.123Z"), attempt.commitStamp());
    }

    @Test
    void firstRevisionFollowsFromTheLastAndTheEventCount() {
        assertEquals(3, attempt("b", "s", 4, 2, List.of(EVENT, EVENT)).firstRevision());
    }

    @Test
    void nullIdsAreRejected() {
        assertThrows(NullPointerException.class, () -> attempt(null, "s", 1, 1, List.of(EVENT)));
        assertThrows(NullPointerException.class, () -> attempt("b", null, 1, 1, List.of(EVENT)));
    }

    /** Engines read commits of stores that other programs write; {@link CheckedEngine#commit} checks the ids. */
    @Test
    void idsOutsideTheRulesAreKeptAsGiven() {
        String tooLong = "x".repeat(Ids.MAX_LENGTH + 1);
        assertEquals(tooLong, attempt("b", tooLong, 1, 1, List.of(EVENT)).streamId());
        assertEquals("a\nb", attempt("a\nb", "s", 1, 1, List.of(EVENT)).bucketId());
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> attempt("b", "s", 1, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> attempt("b", "s", 1, 0, List.of(EVENT)));
        assertThrows(IllegalArgumentException.class, () -> attempt("b", "s", 1, 1, List.of(EVENT, EVENT)));
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] data = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Payload payload = new Payload("t", Payload.JSON, data);
        data[0] = 'X';
        assertEquals('{', payload.data()[0]);
        payload.data()[0] = 'Y';
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), payload.data());
    }

    @Test
    void emptyHeaderBytesAreCopiedInAndOutAsAnyOthers() {
        byte[] given = NO_HEADERS.clone();
        EventRecord first = new EventRecord(given, EVENT.body());
        CommitAttempt attempt = new CommitAttempt("b", "s", 1, UUID.randomUUID(), 1, Instant.now(), given,
                List.of(first));
        given[1] = 'X';
        first.headers()[0] = 'Y';
        attempt.headers()[0] = 'Y';

        EventRecord second = new EventRecord(NO_HEADERS.clone(), EVENT.body());
        assertArrayEquals(NO_HEADERS, first.headers());
        assertArrayEquals(NO_HEADERS, second.headers());
        assertArrayEquals(NO_HEADERS, attempt.headers());
    }

    @Test
    void recordsWithEqualBytesAreEqual() {
        assertEquals(new Payload("t", Payload.JSON, new byte[] {1, 2}), new Payload("t", Payload.JSON, new byte[] {1, 2}));
        assertEquals(new EventRecord(NO_HEADERS.clone(), EVENT.body()), EVENT);
    }

    @Test
    void rangesRejectNegativeAndInvertedBounds() {
        assertThrows(IllegalArgumentException.class, () -> new StreamRange("b", "s", -1, 5));
        assertThrows(IllegalArgumentException.class, () -> new StreamRange("b", "s", 6, 5));
        assertThrows(IllegalArgumentException.class, () -> new FeedRange(null, 6, 5));
        assertThrows(IllegalArgumentException.class, () -> FeedRange.after(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new TimeRange("b", Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> new EngineOptions(0));
    }
}
