package org.jeventstore.engine.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jeventstore.spi.CommitRecord;

/**
 * Commits in checkpoint order, written under the storage's write lock and read without a lock. Checkpoints
 * are handed out in order under that lock, so appending keeps the log sorted, where a sorted map would
 * search and allocate on every commit. A removed commit leaves an empty slot, which reads skip.
 */
final class FeedLog {

    private volatile Segment current = new Segment(64);

    /** Under the write lock: appends a commit whose checkpoint is above every other. */
    void append(CommitRecord record) {
        Segment segment = current;
        int n = segment.count;
        if (n == segment.checkpoints.length) {
            segment = segment.grown();
            current = segment;
        }
        segment.checkpoints[n] = record.checkpoint();
        segment.records[n] = record;
        segment.count = n + 1;
    }

    /** Under the write lock: empties the slot of {@code checkpoint}, if the log holds it. */
    void remove(long checkpoint) {
        Segment segment = current;
        int index = Arrays.binarySearch(segment.checkpoints, 0, segment.count, checkpoint);
        if (index >= 0) {
            segment.records[index] = null;
            // Rewriting the volatile count publishes the emptied slot to readers, who read the count first.
            segment.count = segment.count;
        }
    }

    /** Under the write lock: removes every commit; a read under way ends with the page it is reading. */
    void clear() {
        current = new Segment(64);
    }

    /** Every commit still in the log, in checkpoint order, as of now. */
    List<CommitRecord> all() {
        return page(0, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** Up to {@code pageSize} commits above {@code afterCheckpoint}, up to {@code toCheckpoint}. */
    List<CommitRecord> page(long afterCheckpoint, long toCheckpoint, int pageSize) {
        Segment segment = current;
        int n = segment.count;
        int index = Arrays.binarySearch(segment.checkpoints, 0, n, afterCheckpoint);
        index = index >= 0 ? index + 1 : -index - 1;
        List<CommitRecord> page = new ArrayList<>(Math.min(pageSize, 64));
        for (; index < n && page.size() < pageSize && segment.checkpoints[index] <= toCheckpoint; index++) {
            CommitRecord record = segment.records[index];
            if (record != null) {
                page.add(record);
            }
        }
        return page;
    }

    /** The arrays and their filled length: a reader holding a segment sees a consistent prefix of it. */
    private static final class Segment {
        final long[] checkpoints;
        final CommitRecord[] records;
        /** Written after the entry it counts: a reader that sees the count sees the entry. */
        volatile int count;

        Segment(int capacity) {
            checkpoints = new long[capacity];
            records = new CommitRecord[capacity];
        }

        Segment grown() {
            Segment grown = new Segment(checkpoints.length * 2);
            System.arraycopy(checkpoints, 0, grown.checkpoints, 0, count);
            System.arraycopy(records, 0, grown.records, 0, count);
            grown.count = count;
            return grown;
        }
    }
}
