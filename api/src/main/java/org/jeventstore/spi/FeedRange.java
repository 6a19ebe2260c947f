package org.jeventstore.spi;

/**
 * Which commits of the store-wide feed to read: those with a checkpoint in
 * {@code (afterCheckpoint, toCheckpoint]}, in checkpoint order, from every bucket or from one.
 *
 * <p>{@code afterCheckpoint} is exclusive because a reader passes the last checkpoint it has seen; 0 reads
 * from the start.
 *
 * @param bucketId        the one bucket to read, or {@code null} for all buckets
 * @param afterCheckpoint read commits after this checkpoint; 0 or more
 * @param toCheckpoint    read commits up to and including this checkpoint; {@link Long#MAX_VALUE} for all
 */
public record FeedRange(String bucketId, long afterCheckpoint, long toCheckpoint) {

    public FeedRange {
        if (bucketId != null) {
            Ids.requireBucketId(bucketId);
        }
        Ids.requireNonNegative(afterCheckpoint, "afterCheckpoint");
        Ids.requireNonNegative(toCheckpoint, "toCheckpoint");
        if (afterCheckpoint > toCheckpoint) {
            throw new IllegalArgumentException("afterCheckpoint " + afterCheckpoint + " is above toCheckpoint "
                    + toCheckpoint);
        }
    }

    /** Every bucket, after {@code afterCheckpoint}. */
    public static FeedRange after(long afterCheckpoint) {
        return new FeedRange(null, afterCheckpoint, Long.MAX_VALUE);
    }

    /** One bucket, after {@code afterCheckpoint}. */
    public static FeedRange after(String bucketId, long afterCheckpoint) {
        return new FeedRange(Ids.requireBucketId(bucketId), afterCheckpoint, Long.MAX_VALUE);
    }

    /** Whether this range reads every bucket. */
    public boolean allBuckets() {
        return bucketId == null;
    }

    /** Whether a commit of {@code bucket} at {@code checkpoint} belongs to this range. */
    public boolean contains(String bucket, long checkpoint) {
        return checkpoint > afterCheckpoint && checkpoint <= toCheckpoint
                && (bucketId == null || bucketId.equals(bucket));
    }
}
