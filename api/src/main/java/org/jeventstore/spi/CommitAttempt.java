package org.jeventstore.spi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A commit as the store hands it to an engine: validated and serialized, not yet given a checkpoint.
 *
 * <p>An attempt cannot be built with a bad shape: every field is given, there is at least one event, the sequence
 * is 1 or more, and the stream revision covers the events. The commit stamp is truncated to milliseconds, the
 * precision every engine keeps. The ids are not checked here but on the way in, by {@link CheckedEngine#commit}
 * (ids follow {@link Ids}), so that an engine reading a store shared with another program (the C# NEventStore
 * takes ids of any length, with control characters) can return its commits with their ids as stored; such a
 * commit can be read, never written again.
 *
 * @param bucketId       the bucket of the stream
 * @param streamId       the stream
 * @param streamRevision the revision of the commit's last event
 * @param commitId       the caller's id for this commit, unique within the stream
 * @param commitSequence the 1-based position of the commit in its stream
 * @param commitStamp    when the commit was made
 * @param headers        the commit headers, a UTF-8 JSON object ({@code {}} when there are none)
 * @param events         the serialized events, in order
 */
public record CommitAttempt(String bucketId, String streamId, long streamRevision, UUID commitId,
                            long commitSequence, Instant commitStamp, byte[] headers, List<EventRecord> events) {

    public CommitAttempt {
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(commitStamp, "commitStamp");
        Objects.requireNonNull(headers, "headers");
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a commit needs at least one event");
        }
        if (commitSequence < 1) {
            throw new IllegalArgumentException("commitSequence must be 1 or more: " + commitSequence);
        }
        if (streamRevision < events.size()) {
            throw new IllegalArgumentException("streamRevision " + streamRevision + " is below the number of events "
                    + events.size());
        }
        commitStamp = commitStamp.truncatedTo(ChronoUnit.MILLIS);
        headers = HeaderBytes.copyOf(headers);
    }

    /** The revision of the commit's first event. */
    public long firstRevision() {
        return streamRevision - events.size() + 1;
    }

    /** A copy of the commit headers' JSON bytes. */
    @Override
    public byte[] headers() {
        return headers.clone();
    }

    /** The array itself, for {@link SharedRecordBytes}. */
    byte[] sharedHeaders() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommitAttempt c
                && bucketId.equals(c.bucketId) && streamId.equals(c.streamId)
                && streamRevision == c.streamRevision && commitId.equals(c.commitId)
                && commitSequence == c.commitSequence && commitStamp.equals(c.commitStamp)
                && Arrays.equals(headers, c.headers) && events.equals(c.events);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucketId, streamId, commitId, commitSequence);
    }

    @Override
    public String toString() {
        return "CommitAttempt[" + bucketId + "/" + streamId + ", sequence=" + commitSequence
                + ", revisions=" + firstRevision() + ".." + streamRevision + ", commitId=" + commitId + "]";
    }
}
