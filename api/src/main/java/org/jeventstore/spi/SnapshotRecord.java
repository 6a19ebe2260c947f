package org.jeventstore.spi;

import java.util.Objects;

/**
 * A serialized snapshot of a stream's state at a revision.
 *
 * @param bucketId       the bucket of the stream
 * @param streamId       the stream
 * @param streamRevision the revision the snapshot was taken at, 1 or more
 * @param payload        the serialized state
 */
public record SnapshotRecord(String bucketId, String streamId, long streamRevision, Payload payload) {

    public SnapshotRecord {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        Objects.requireNonNull(payload, "payload");
        if (streamRevision < 1) {
            throw new IllegalArgumentException("streamRevision must be 1 or more: " + streamRevision);
        }
    }
}
