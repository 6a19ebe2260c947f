package org.jeventstore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jeventstore.internal.Headers;

/**
 * A commit: the atomic unit of write, one or more events appended to a stream at once.
 *
 * @param bucketId       the bucket of the stream
 * @param streamId       the stream
 * @param streamRevision the revision of the commit's last event (revisions count events from 1)
 * @param commitId       the caller's id for the commit, unique within the stream
 * @param commitSequence the 1-based position of the commit in its stream
 * @param commitStamp    when the commit was made, to the millisecond
 * @param headers        the commit's headers
 * @param events         the events, in order
 * @param checkpoint     the commit's position in the store-wide feed; 0 for a commit not yet stored (as
 *                       {@link PipelineHook#preCommit} sees it)
 */
public record Commit(String bucketId, String streamId, long streamRevision, UUID commitId, long commitSequence,
                     Instant commitStamp, Map<String, Object> headers, List<EventMessage> events,
                     long checkpoint) {

    public Commit {
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(commitStamp, "commitStamp");
        headers = Headers.copyOf(headers);
        events = List.copyOf(events);
    }

    /** The revision of the commit's first event. */
    public long firstRevision() {
        return streamRevision - events.size() + 1;
    }

    /**
     * This commit with other events, as a {@link PipelineHook#select} hook may return it. The number of events
     * stays the same: revisions are counted from {@link #streamRevision()}, so a commit with fewer or more
     * events would renumber them.
     *
     * @throws IllegalArgumentException if {@code newEvents} holds another number of events
     */
    public Commit withEvents(List<EventMessage> newEvents) {
        if (newEvents.size() != events.size()) {
            throw new IllegalArgumentException("Commit " + commitId + " holds " + events.size()
                    + " events; withEvents must keep that number, got " + newEvents.size());
        }
        return new Commit(bucketId, streamId, streamRevision, commitId, commitSequence, commitStamp, headers,
                newEvents, checkpoint);
    }
}
