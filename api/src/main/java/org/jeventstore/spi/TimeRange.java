package org.jeventstore.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Which commits of one bucket to read by commit stamp: those stamped in {@code [from, to)}, ordered by
 * stamp and then by checkpoint. Engines that declare {@link Capability#READ_BY_TIME} serve it.
 *
 * @param bucketId the bucket
 * @param from     the earliest stamp, inclusive
 * @param to       the latest stamp, exclusive; {@link Instant#MAX} for no upper bound
 */
public record TimeRange(String bucketId, Instant from, Instant to) {

    public TimeRange {
        Ids.requireBucketId(bucketId);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    /** Whether a commit of {@code bucket} stamped {@code stamp} belongs to this range. */
    public boolean contains(String bucket, Instant stamp) {
        return bucketId.equals(bucket) && !stamp.isBefore(from) && stamp.isBefore(to);
    }
}
