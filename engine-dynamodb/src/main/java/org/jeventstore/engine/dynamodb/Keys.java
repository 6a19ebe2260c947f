package org.jeventstore.engine.dynamodb;

import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The single-table key layout: a string partition key {@code pk} and a string sort key {@code sk}. Numbers in
 * sort keys are zero-padded to 19 digits so that their string order (DynamoDB compares UTF-8 bytes) is their
 * numeric order. See docs/engines/dynamodb.md for the full table.
 */
final class Keys {

    static final String PK = "pk";
    static final String SK = "sk";

    /** The store-wide feed: one partition, one item per checkpoint. */
    static final String FEED = "F";
    /** Durable positions: one partition, one item per name. */
    static final String POSITIONS = "P";

    static final String COMMIT_PREFIX = "C";
    static final String COMMIT_ID_PREFIX = "I";
    static final String SNAPSHOT_PREFIX = "N";
    /** Above every commit sort key ({@code C} + digits) and below the other prefixes of a stream partition. */
    static final String COMMITS_END = "C~";

    private Keys() {
    }

    /**
     * The partition of one stream: its commits, commitId guards and snapshots. The bucket's length comes first
     * so that no pair of (bucket, stream) ids shares a partition, whatever characters the ids contain.
     */
    static String stream(String bucketId, String streamId) {
        return "S|" + bucketId.length() + "|" + bucketId + "|" + streamId;
    }

    /** The bucket encoded in a stream partition key. */
    static String bucketOfStream(String streamPartition) {
        int bar = streamPartition.indexOf('|', 2);
        int length = Integer.parseInt(streamPartition.substring(2, bar));
        return streamPartition.substring(bar + 1, bar + 1 + length);
    }

    /** The partition of one bucket's stream heads, sorted by stream id. */
    static String heads(String bucketId) {
        return "H|" + bucketId;
    }

    /** The partition of the chunks of a commit too large for one item, by the commit's checkpoint. */
    static String chunks(long checkpoint) {
        return "K|" + pad(checkpoint);
    }

    static String commit(long lastRevision) {
        return COMMIT_PREFIX + pad(lastRevision);
    }

    static String commitId(UUID commitId) {
        return COMMIT_ID_PREFIX + commitId;
    }

    static String snapshot(long revision) {
        return SNAPSHOT_PREFIX + pad(revision);
    }

    static String pad(long number) {
        String digits = Long.toString(number);
        return "0".repeat(19 - digits.length()) + digits;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
