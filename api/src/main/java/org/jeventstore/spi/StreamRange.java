package org.jeventstore.spi;

/**
 * Which commits of one stream to read: those holding at least one event whose revision lies in
 * {@code [minRevision, maxRevision]}, in commit sequence order.
 *
 * @param bucketId    the bucket of the stream
 * @param streamId    the stream
 * @param minRevision the lowest revision wanted, inclusive; 0 or 1 both mean "from the start"
 * @param maxRevision the highest revision wanted, inclusive; {@link Long#MAX_VALUE} means "to the end"
 */
public record StreamRange(String bucketId, String streamId, long minRevision, long maxRevision) {

    public StreamRange {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        Ids.requireNonNegative(minRevision, "minRevision");
        Ids.requireNonNegative(maxRevision, "maxRevision");
        if (minRevision > maxRevision) {
            throw new IllegalArgumentException("minRevision " + minRevision + " is above maxRevision " + maxRevision);
        }
    }

    /** The whole stream. */
    public static StreamRange all(String bucketId, String streamId) {
        return new StreamRange(bucketId, streamId, 0, Long.MAX_VALUE);
    }

    /** Whether a commit covering revisions {@code [first, last]} holds an event of this range. */
    public boolean overlaps(long firstRevision, long lastRevision) {
        return lastRevision >= minRevision && firstRevision <= maxRevision;
    }
}
