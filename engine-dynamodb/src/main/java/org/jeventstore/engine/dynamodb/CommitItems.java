package org.jeventstore.engine.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StorageException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a commit becomes items and back. The stream's commit item and the feed item carry the same attributes,
 * so either can be read alone: a reader never needs a second item that a partly applied transaction might not
 * show yet. A commit whose encoded events exceed {@link #INLINE_LIMIT} is split into chunk items under the
 * commit's checkpoint, which both items name by count.
 */
final class CommitItems {

    /** Encoded events up to this size live in the commit and feed items themselves (items hold 400 KB). */
    static final int INLINE_LIMIT = 300_000;
    /** The size of one chunk item's data, leaving room for keys under the 400 KB item limit. */
    static final int CHUNK_SIZE = 300_000;
    /**
     * The most chunks of one commit: 12 x 300 KB = 3.6 MB, which with the commit, feed, head and guard items
     * stays under the 4 MB and 100 items that one TransactWriteItems may carry.
     */
    static final int MAX_CHUNKS = 12;
    /** The largest encoded commit accepted. */
    static final long MAX_ENCODED = (long) CHUNK_SIZE * MAX_CHUNKS;

    static final String BUCKET = "b";
    static final String STREAM = "s";
    static final String SEQUENCE = "seq";
    static final String REVISION = "rev";
    static final String COMMIT_ID = "cid";
    static final String STAMP = "ts";
    static final String CHECKPOINT = "cp";
    static final String DATA = "d";
    static final String CHUNKS = "k";
    /** Marks a feed item whose commit was deleted: kept so that checkpoints are never reused. */
    static final String DEAD = "dead";

    private CommitItems() {
    }

    /** Reads the chunks of a commit stored under {@code checkpoint}, concatenated. */
    @FunctionalInterface
    interface ChunkReader {
        byte[] read(long checkpoint, int count);
    }

    /** A commit encoded for writing: inline data, or chunks. */
    record Layout(byte[] inline, List<byte[]> chunks) {

        int chunkCount() {
            return chunks.size();
        }
    }

    /**
     * Encodes a commit, refusing it before anything is written when it cannot fit one transaction.
     *
     * @throws PayloadTooLargeException if the encoded commit is above {@link #MAX_ENCODED} bytes
     */
    static Layout layout(CommitAttempt attempt) {
        byte[] blob = EventsBlob.encode(attempt.headers(), attempt.events());
        if (blob.length <= INLINE_LIMIT) {
            return new Layout(blob, List.of());
        }
        if (blob.length > MAX_ENCODED) {
            throw new PayloadTooLargeException("Commit " + attempt.commitId() + " of " + attempt.bucketId() + "/"
                    + attempt.streamId() + " encodes to " + blob.length + " bytes; the DynamoDB engine stores at most "
                    + MAX_ENCODED + " bytes per commit (one TransactWriteItems holds at most 4 MB)");
        }
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < blob.length; from += CHUNK_SIZE) {
            chunks.add(java.util.Arrays.copyOfRange(blob, from, Math.min(blob.length, from + CHUNK_SIZE)));
        }
        return new Layout(null, chunks);
    }

    /** The attributes of the commit item and of the feed item, keys excluded. */
    static Map<String, AttributeValue> attributes(CommitAttempt attempt, long checkpoint, Layout layout) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(BUCKET, Keys.s(attempt.bucketId()));
        item.put(STREAM, Keys.s(attempt.streamId()));
        item.put(SEQUENCE, Keys.n(attempt.commitSequence()));
        item.put(REVISION, Keys.n(attempt.streamRevision()));
        item.put(COMMIT_ID, Keys.s(attempt.commitId().toString()));
        // ISO-8601 rather than epoch millis: every Instant fits, however far from 1970
        item.put(STAMP, Keys.s(attempt.commitStamp().toString()));
        item.put(CHECKPOINT, Keys.n(checkpoint));
        if (layout.inline() != null) {
            item.put(DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(layout.inline())));
        } else {
            item.put(CHUNKS, Keys.n(layout.chunkCount()));
        }
        return item;
    }

    /** Reads a commit or feed item back. */
    static CommitRecord decode(Map<String, AttributeValue> item, ChunkReader chunks) {
        long checkpoint = number(item, CHECKPOINT);
        byte[] blob;
        if (item.containsKey(DATA)) {
            blob = item.get(DATA).b().asByteArrayUnsafe();
        } else if (item.containsKey(CHUNKS)) {
            blob = chunks.read(checkpoint, (int) number(item, CHUNKS));
        } else {
            throw new StorageException("Stored commit at checkpoint " + checkpoint + " has no data");
        }
        EventsBlob.Decoded decoded = EventsBlob.decode(blob);
        CommitAttempt attempt = new CommitAttempt(string(item, BUCKET), string(item, STREAM),
                number(item, REVISION), UUID.fromString(string(item, COMMIT_ID)), number(item, SEQUENCE),
                Instant.parse(string(item, STAMP)), decoded.headers(), decoded.events());
        return new CommitRecord(attempt, checkpoint);
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new StorageException("Stored item lacks the number attribute '" + name + "'");
        }
        return Long.parseLong(value.n());
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new StorageException("Stored item lacks the string attribute '" + name + "'");
        }
        return value.s();
    }
}
