package org.jeventstore.engine.azure.tables;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;

/**
 * Partition and row keys. Azure forbids {@code / \ # ?} and control characters in keys and limits each key to
 * 1 KiB, while bucket and stream ids may hold any of them and be 256 characters long; so ids are escaped, and
 * an id whose escaped form is long is replaced by its SHA-256 (the real ids are kept as properties).
 */
final class Keys {

    /** The partition holding the store-wide feed: one partition, so that checkpoints are allocated in order. */
    static final String FEED = "feed";

    /** The partition holding the durable positions. */
    static final String POSITIONS = "pos";

    /** Row key of a stream's head entity. */
    static final String HEAD = "head";

    /** Every stream partition key starts with this, and every one sorts below {@link #STREAMS_END}. */
    static final String STREAMS = "s|";
    static final String STREAMS_END = "s}";

    static final String COMMIT = "c|";
    static final String COMMIT_END = "c}";
    static final String SNAPSHOT = "snap|";
    static final String SNAPSHOT_END = "snap}";

    /** Longest escaped id kept readable: two of them stay far below the 1 KiB key limit, in UTF-16. */
    private static final int READABLE = 200;
    private static final char ESCAPE = '!';
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Keys() {
    }

    /** The partition of a stream: bucket first, so that the streams of a bucket form one key range. */
    static String stream(String bucketId, String streamId) {
        return bucketPrefix(bucketId) + part(streamId);
    }

    /** Every stream partition key of the bucket starts with this. */
    static String bucketPrefix(String bucketId) {
        return STREAMS + part(bucketId) + "|";
    }

    /** Sorts after every stream partition key of the bucket ('}' follows '|'). */
    static String bucketEnd(String bucketId) {
        return STREAMS + part(bucketId) + "}";
    }

    /** A commit row, keyed by the revision of its last event so that a revision range starts with one seek. */
    static String commit(long lastRevision) {
        return COMMIT + digits(lastRevision);
    }

    /** Taken by the commit with this sequence: a second commit with the same sequence fails to insert it. */
    static String sequence(long commitSequence) {
        return "q|" + digits(commitSequence);
    }

    /** Taken by the commit with this id: a redelivered commit fails to insert it. */
    static String commitId(UUID commitId) {
        return "id|" + commitId;
    }

    /**
     * The stream's end marker: exactly one exists, naming the revision of the stream's last event. A commit
     * deletes the marker of the revision before its first event and inserts its own, so two commits can never
     * both follow the same revision.
     */
    static String end(long revision) {
        return "r|" + digits(revision);
    }

    /** The fence of a checkpoint: written by the commit's stream transaction, or as void by a resolver. */
    static String fence(long checkpoint) {
        return "fence|" + digits(checkpoint);
    }

    /** Snapshot rows sort by descending revision, so that "the latest at or below" is the first row found. */
    static String snapshot(long revision) {
        return SNAPSHOT + digits(Long.MAX_VALUE - revision);
    }

    /** A feed row: the zero-padded checkpoint, so that string order is checkpoint order. */
    static String feed(long checkpoint) {
        return digits(checkpoint);
    }

    static long checkpointOf(String feedRow) {
        return Long.parseLong(feedRow);
    }

    /** The row key of a position. */
    static String position(String name) {
        return part(name);
    }

    static String digits(long value) {
        return String.format("%019d", value);
    }

    /** An OData string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * An id as a key part: escaped, or hashed when long. A part never contains '|' or '}', so it cannot run
     * into the next part or out of its bucket's key range, and only a hash starts with '~'.
     */
    static String part(String id) {
        String escaped = escape(id);
        if (escaped.length() <= READABLE) {
            return escaped;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String escape(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (mustEscape(c)) {
                out.append(ESCAPE).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Forbidden by Azure, or reserved here: '!' escapes, '|' and '}' delimit key ranges, '~' marks a hash,
     * and '%' and '\'' are escaped so that keys never need URL or OData quoting.
     */
    private static boolean mustEscape(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || c == ESCAPE || c == '/' || c == '\\' || c == '#' || c == '?' || c == '%' || c == '\''
                || c == '|' || c == '}' || c == '~';
    }
}
