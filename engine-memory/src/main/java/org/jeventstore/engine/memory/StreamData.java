package org.jeventstore.engine.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitIdSet;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.SnapshotRecord;

/**
 * One stream's commits, commit ids, snapshots and head. A commit to the stream holds its monitor; readers take
 * no lock. Commits only ever go at the end of a stream (a deleted stream is dropped whole), so they are kept
 * in an array in revision order, and the head and the last sequence are those of the last commit.
 */
final class StreamData {

    final BucketData bucket;
    final String bucketId;
    final String streamId;
    /**
     * Guarded by this stream's monitor: read only by commits to it. Over the ids of {@link #commits}, in the same
     * order, so a stream keeps its ids once, in its records.
     */
    final CommitIdSet commitIds = CommitIdSet.over(this::commitIdAt);
    final NavigableMap<Long, SnapshotRecord> snapshots = new ConcurrentSkipListMap<>();
    volatile long snapshotRevision;
    /** Set under the storage's write lock once the stream is deleted or purged: a commit then starts again. */
    volatile boolean removed;
    /**
     * The last commit's sequence and revision, guarded by this stream's monitor like {@link #commitIds}: a commit
     * checks them here instead of following the array to the record and the record to its attempt, two reads
     * of memory that another stream's commits have most likely pushed out of the cache.
     */
    long lastSequence;
    long headRevision;
    private volatile CommitRecord[] commits = new CommitRecord[8];
    /** Written after the commit it counts is in {@link #commits}: a reader that sees the count sees the commit. */
    private volatile int count;

    StreamData(BucketData bucket, String bucketId, String streamId) {
        this.bucket = bucket;
        this.bucketId = bucketId;
        this.streamId = streamId;
    }

    /**
     * Appends a commit that follows the last one; called by one writer at a time. Its id is added to
     * {@link #commitIds} by the caller, after this (see {@code MemoryStorage.commit}).
     */
    void append(CommitRecord record) {
        int n = count;
        CommitRecord[] array = commits;
        if (n == array.length) {
            array = Arrays.copyOf(array, n * 2);
            commits = array;
        }
        array[n] = record;
        count = n + 1;
        lastSequence = record.commitSequence();
        headRevision = record.streamRevision();
    }

    private UUID commitIdAt(int position) {
        return commits[position].commitId();
    }

    CommitRecord last() {
        int n = count;
        return n == 0 ? null : commits[n - 1];
    }

    /** The revision of the last commit, read without the monitor. */
    private long publishedHeadRevision() {
        CommitRecord last = last();
        return last == null ? 0 : last.streamRevision();
    }

    /** Every commit, in revision order, as of now. */
    List<CommitRecord> all() {
        int n = count;
        return Arrays.asList(commits).subList(0, n);
    }

    /**
     * Up to {@code pageSize} commits in revision order: from the first whose last revision is at least
     * {@code fromLastRevision}, up to the last whose first revision is at most {@code maxRevision}.
     */
    List<CommitRecord> page(long fromLastRevision, long maxRevision, int pageSize) {
        int n = count;
        CommitRecord[] array = commits;
        int low = 0;
        int high = n;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (array[middle].streamRevision() < fromLastRevision) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        List<CommitRecord> page = new ArrayList<>(Math.min(pageSize, Math.min(n - low, 64)));
        for (int i = low; i < n && page.size() < pageSize && array[i].firstRevision() <= maxRevision; i++) {
            page.add(array[i]);
        }
        return page;
    }

    StreamHead head() {
        return new StreamHead(bucketId, streamId, publishedHeadRevision(), snapshotRevision);
    }
}
