package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StreamRange;
import org.junit.jupiter.api.function.Executable;

/**
 * A group of the kit's tests: the engine under test, an unshared bucket, and the reads and writes most tests
 * need. Reads are collected inside try-with-resources, as callers of a lazy engine read must.
 */
abstract class Contract {

    private final PersistenceEngineTck kit;

    /** A bucket no other test writes to. */
    final String bucket = newId("bucket");

    /** A second bucket no other test writes to. */
    final String otherBucket = newId("other-bucket");

    Contract(PersistenceEngineTck kit) {
        this.kit = kit;
    }

    PersistenceEngine engine() {
        return kit.engine();
    }

    /** Another engine over the same storage, as after a restart. */
    PersistenceEngine reopen() {
        return kit.reopen();
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static String newStreamId() {
        return newId("stream");
    }

    CommitRecord commit(Attempts attempt) {
        return engine().commit(attempt.build());
    }

    /** Commits {@code count} single-event commits to a new or empty stream of {@code bucketId}. */
    List<CommitRecord> commits(String bucketId, String streamId, int count) {
        List<CommitRecord> records = new ArrayList<>(count);
        CommitRecord previous = null;
        for (int i = 0; i < count; i++) {
            previous = commit(previous == null ? Attempts.first(bucketId, streamId) : Attempts.next(previous));
            records.add(previous);
        }
        return records;
    }

    /** Commits {@code count} single-event commits to a new or empty stream of {@link #bucket}. */
    List<CommitRecord> commits(String streamId, int count) {
        return commits(bucket, streamId, count);
    }

    List<CommitRecord> read(StreamRange range) {
        return toList(engine().readStream(range));
    }

    List<CommitRecord> readStream(String bucketId, String streamId) {
        return read(StreamRange.all(bucketId, streamId));
    }

    List<CommitRecord> feed(FeedRange range) {
        return toList(engine().readFeed(range));
    }

    /** The whole feed of every bucket. */
    List<CommitRecord> feed() {
        return feed(FeedRange.after(0));
    }

    List<StreamHead> heads(String bucketId, long threshold) {
        return toList(engine().snapshots().streamsToSnapshot(bucketId, threshold));
    }

    static <T> List<T> toList(Stream<T> stream) {
        try (stream) {
            return stream.collect(Collectors.toList());
        }
    }

    /** Concatenations of the given lists, for expected results. */
    @SafeVarargs
    static <T> List<T> concat(List<? extends T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<? extends T> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    /** Asserts that {@code call} rejects its input the way the contract says: NPE or IAE. */
    static void assertRejected(Executable call) {
        try {
            call.execute();
        } catch (NullPointerException | IllegalArgumentException expected) {
            return;
        } catch (Throwable other) {
            fail("expected NullPointerException or IllegalArgumentException, got " + other, other);
        }
        fail("expected NullPointerException or IllegalArgumentException, but nothing was thrown");
    }

    /** Asserts that a call on a closed engine throws {@link IllegalStateException}. */
    static void assertClosed(Executable call) {
        assertThrows(IllegalStateException.class, call);
    }

    /** Consumes a lazy read whole, so that an engine may fail at the call or at the first fetch. */
    static void consume(Stream<?> stream) {
        try (stream) {
            stream.forEach(item -> { });
        }
    }
}
