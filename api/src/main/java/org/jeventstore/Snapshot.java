package org.jeventstore;

import java.util.Objects;

/**
 * The state of a stream at a revision, saved so that opening the stream reads only later commits.
 *
 * @param bucketId       the bucket of the stream
 * @param streamId       the stream
 * @param streamRevision the revision of the last event the state includes
 * @param payload        the state; serialized like an event body, so its type needs a stored type name
 */
public record Snapshot(String bucketId, String streamId, long streamRevision, Object payload) {

    public Snapshot {
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(payload, "payload");
    }

    /** A snapshot of a stream in the default bucket. */
    public static Snapshot of(String streamId, long streamRevision, Object payload) {
        return new Snapshot(EventStore.DEFAULT_BUCKET, streamId, streamRevision, payload);
    }
}
