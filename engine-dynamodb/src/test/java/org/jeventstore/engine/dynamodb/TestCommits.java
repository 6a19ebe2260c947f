package org.jeventstore.engine.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;

/** Commit attempts for the engine's own tests. */
final class TestCommits {

    private static final byte[] NO_HEADERS = "{}".getBytes(StandardCharsets.UTF_8);

    private TestCommits() {
    }

    static CommitAttempt first(String bucketId, String streamId, byte[] body) {
        return new CommitAttempt(bucketId, streamId, 1, UUID.randomUUID(), 1, Instant.now(), NO_HEADERS,
                List.of(event(body)));
    }

    static CommitAttempt first(String bucketId, String streamId) {
        return first(bucketId, streamId, "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    }

    static CommitAttempt next(CommitRecord previous) {
        return new CommitAttempt(previous.bucketId(), previous.streamId(), previous.streamRevision() + 1,
                UUID.randomUUID(), previous.commitSequence() + 1, Instant.now(), NO_HEADERS,
                List.of(event("{\"n\":2}".getBytes(StandardCharsets.UTF_8))));
    }

    static EventRecord event(byte[] body) {
        return new EventRecord(NO_HEADERS, new Payload("test.event", Payload.JSON, body));
    }

    /** A body of {@code size} bytes that does not compress into anything smaller on the wire. */
    static byte[] body(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        return bytes;
    }
}
