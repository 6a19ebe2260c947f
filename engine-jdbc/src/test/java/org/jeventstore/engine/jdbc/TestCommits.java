package org.jeventstore.engine.jdbc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StreamRange;

/** Commit attempts and reads for this module's tests. */
final class TestCommits {

    static final String BUCKET = "default";

    private TestCommits() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static EventRecord event(String json) {
        return new EventRecord(utf8("{}"), new Payload("test.event", Payload.JSON, utf8(json)));
    }

    /** Commit {@code sequence} of a stream of single-event commits. */
    static CommitAttempt attempt(String streamId, long sequence) {
        return attempt(streamId, sequence, UUID.randomUUID());
    }

    static CommitAttempt attempt(String streamId, long sequence, UUID commitId) {
        return new CommitAttempt(BUCKET, streamId, sequence, commitId, sequence, Instant.now(), utf8("{}"),
                List.of(event("{\"n\":" + sequence + "}")));
    }

    static CommitAttempt withEvents(String streamId, long sequence, List<EventRecord> events) {
        return new CommitAttempt(BUCKET, streamId, sequence - 1 + events.size(), UUID.randomUUID(), sequence,
                Instant.now(), utf8("{}"), events);
    }

    static List<CommitRecord> feed(PersistenceEngine engine) {
        try (Stream<CommitRecord> s = engine.readFeed(FeedRange.after(0))) {
            return s.toList();
        }
    }

    static List<CommitRecord> stream(PersistenceEngine engine, String streamId) {
        try (Stream<CommitRecord> s = engine.readStream(StreamRange.all(BUCKET, streamId))) {
            return s.toList();
        }
    }
}
