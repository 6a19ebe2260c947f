package org.jeventstore.spi;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A commit as an engine stores and returns it: a {@link CommitAttempt} plus the checkpoint that orders it in
 * the store-wide feed.
 *
 * @param attempt    the commit as it was attempted
 * @param checkpoint the commit's position in the store-wide feed, 1 or more, never reused
 */
public record CommitRecord(CommitAttempt attempt, long checkpoint) {

    public CommitRecord {
        java.util.Objects.requireNonNull(attempt, "attempt");
        if (checkpoint < 1) {
            throw new IllegalArgumentException("checkpoint must be 1 or more: " + checkpoint);
        }
    }

    public String bucketId() {
        return attempt.bucketId();
    }

    public String streamId() {
        return attempt.streamId();
    }

    /** The revision of the commit's last event. */
    public long streamRevision() {
        return attempt.streamRevision();
    }

    /** The revision of the commit's first event. */
    public long firstRevision() {
        return attempt.firstRevision();
    }

    public UUID commitId() {
        return attempt.commitId();
    }

    public long commitSequence() {
        return attempt.commitSequence();
    }

    public Instant commitStamp() {
        return attempt.commitStamp();
    }

    /** A copy of the commit headers' JSON bytes. */
    public byte[] headers() {
        return attempt.headers();
    }

    public List<EventRecord> events() {
        return attempt.events();
    }

    @Override
    public String toString() {
        return "CommitRecord[" + bucketId() + "/" + streamId() + ", sequence=" + commitSequence()
                + ", revisions=" + firstRevision() + ".." + streamRevision() + ", checkpoint=" + checkpoint + "]";
    }
}
