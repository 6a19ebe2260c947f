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
    /** Empty slots in {@link #current}; guarded by the write lock. */
    private int removed;

    /** Under the write lock: appends a commit whose checkpoint is above every other. */
    void append(CommitRecord record) {
        Segment segment = current;
        int n = segment.count;
        if (n == segment.checkpoints.length) {
            // A store that deletes as much as it writes would otherwise keep a slot for every commit ever made:
            // when half the slots are empty, the full log is copied without them instead of doubled.
            if (removed > n / 2) {
                segment = segment.compacted(n - removed);
                removed = 0;
            } else {
                segment = segment.grown();
            }
            current = segment;
            n = segment.count;
        }
        segment.checkpoints[n] = record.checkpoint();
        segment.records[n] = record;
        segment.count = n + 1;
    }

    /** Under the write lock: empties the slot of {@code checkpoint}, if the log holds it. */
    void remove(long checkpoint) {
        Segment segment = current;
        int index = Arrays.binarySearch(segment.checkpoints, 0, segment.count, checkpoint);
        if (index >= 0 && segment.records[index] != null) {
            segment.records[index] = null;
            removed++;
            // Rewriting the volatile count publishes the emptied slot to readers, who read the count first.
            segment.count = segment.count;
        }
    }

    /** Under the write lock: removes every commit; a read under way ends with the page it is reading. */
    void clear() {
        current = new Segment(64);
        removed = 0;
    }

    /** How many slots the log holds now, filled or empty. */
    int capacity() {
        return current.checkpoints.length;
    }

    /** Every commit still in the log, in checkpoint order, as of now. */
    List<CommitRecord> all() {
        return page(0, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The checkpoint of the last commit in the log, 0 when it holds none. It walks back over the slots that
     * deleted commits left at the end: none in a store that only appends; the next compaction removes them.
     */
    long last() {
        Segment segment = current;
        for (int index = segment.count - 1; index >= 0; index--) {
            if (segment.records[index] != null) {
                return segment.checkpoints[index];
            }
        }
        return 0;
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

        /** A copy without the empty slots, with room for as many commits again. */
        Segment compacted(int live) {
            Segment compacted = new Segment(Math.max(64, live * 2));
            int to = 0;
            for (int i = 0; i < count; i++) {
                if (records[i] != null) {
                    compacted.checkpoints[to] = checkpoints[i];
                    compacted.records[to] = records[i];
                    to++;
                }
            }
            compacted.count = to;
            return compacted;
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
