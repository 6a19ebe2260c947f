package org.jeventstore.tck;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;

/**
 * Builds the commit attempts of the kit: the first or next commit of a stream, with generated events unless a
 * test gives its own.
 */
final class Attempts {

    private final String bucketId;
    private final String streamId;
    private final long sequence;
    private final long previousRevision;
    private UUID commitId = UUID.randomUUID();
    private Instant stamp = Instant.now();
    private byte[] headers = Events.utf8("{}");
    private int eventCount = 1;
    private List<EventRecord> events;

    private Attempts(String bucketId, String streamId, long sequence, long previousRevision) {
        this.bucketId = bucketId;
        this.streamId = streamId;
        this.sequence = sequence;
        this.previousRevision = previousRevision;
    }

    /** The first commit of a stream: sequence 1, starting at revision 1. */
    static Attempts first(String bucketId, String streamId) {
        return new Attempts(bucketId, streamId, 1, 0);
    }

    /** The commit after {@code previous} in its stream. */
    static Attempts next(CommitRecord previous) {
        return new Attempts(previous.bucketId(), previous.streamId(), previous.commitSequence() + 1,
                previous.streamRevision());
    }

    /** A commit with the given sequence whose first event follows {@code previousRevision}. */
    static Attempts at(String bucketId, String streamId, long sequence, long previousRevision) {
        return new Attempts(bucketId, streamId, sequence, previousRevision);
    }

    /** {@code count} generated events. */
    Attempts events(int count) {
        this.eventCount = count;
        this.events = null;
        return this;
    }

    /** These events. */
    Attempts events(EventRecord... events) {
        this.events = List.of(events);
        return this;
    }

    /** One event with this JSON body. */
    Attempts body(String json) {
        return events(Events.json(json));
    }

    Attempts commitId(UUID commitId) {
        this.commitId = commitId;
        return this;
    }

    Attempts stamp(Instant stamp) {
        this.stamp = stamp;
        return this;
    }

    Attempts headers(String json) {
        this.headers = Events.utf8(json);
        return this;
    }

    CommitAttempt build() {
        List<EventRecord> built = events;
        if (built == null) {
            built = new ArrayList<>(eventCount);
            for (int i = 1; i <= eventCount; i++) {
                built.add(Events.at(streamId, previousRevision + i));
            }
        }
        return new CommitAttempt(bucketId, streamId, previousRevision + built.size(),
                Objects.requireNonNull(commitId), sequence, stamp, headers, built);
    }
}
