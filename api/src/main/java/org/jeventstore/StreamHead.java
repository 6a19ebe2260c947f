package org.jeventstore;

/**
 * Where a stream stands: its latest revision, and the revision of its latest snapshot (0 if none).
 *
 * @param bucketId         the bucket of the stream
 * @param streamId         the stream
 * @param headRevision     the revision of the stream's last event
 * @param snapshotRevision the revision of the stream's latest snapshot, or 0
 */
public record StreamHead(String bucketId, String streamId, long headRevision, long snapshotRevision) {

    public StreamHead {
        java.util.Objects.requireNonNull(bucketId, "bucketId");
        java.util.Objects.requireNonNull(streamId, "streamId");
    }

    /** How many events were committed since the latest snapshot. */
    public long unsnapshotted() {
        return headRevision - snapshotRevision;
    }
}
