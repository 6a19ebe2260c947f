package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The store-wide feed: checkpoint order, ranges, buckets, and no late arrivals. */
abstract class FeedContract extends Contract {

    FeedContract(PersistenceEngineTck kit) {
        super(kit);
    }

    /** Commits to two streams of {@link #bucket} and one of {@link #otherBucket}, interleaved. */
    private List<CommitRecord> interleaved(int rounds) {
        String a = newStreamId();
        String b = newStreamId();
        String c = newStreamId();
        List<CommitRecord> all = new ArrayList<>();
        CommitRecord lastA = null;
        CommitRecord lastB = null;
        CommitRecord lastC = null;
        for (int i = 0; i < rounds; i++) {
            lastA = commit(lastA == null ? Attempts.first(bucket, a) : Attempts.next(lastA));
            lastB = commit(lastB == null ? Attempts.first(otherBucket, b) : Attempts.next(lastB));
            lastC = commit(lastC == null ? Attempts.first(bucket, c) : Attempts.next(lastC));
            all.addAll(List.of(lastA, lastB, lastC));
        }
        return all;
    }

    private static List<CommitRecord> ofBucket(List<CommitRecord> commits, String bucketId) {
        return commits.stream().filter(c -> c.bucketId().equals(bucketId)).toList();
    }

    @Test
    void emptyStoreHasAnEmptyFeed() {
        assertEquals(List.of(), feed());
    }

    @Test
    void feedReturnsEveryCommitOfEveryBucketInCheckpointOrder() {
        List<CommitRecord> all = interleaved(2);

        assertEquals(all, feed());
    }

    @Test
    @DisplayName("afterCheckpoint is exclusive")
    void feedAfterACheckpointExcludesIt() {
        List<CommitRecord> all = interleaved(2);

        assertEquals(all.subList(3, 6), feed(FeedRange.after(all.get(2).checkpoint())));
    }

    @Test
    @DisplayName("toCheckpoint is inclusive")
    void feedToACheckpointIncludesIt() {
        List<CommitRecord> all = interleaved(2);

        assertEquals(all.subList(1, 4), feed(new FeedRange(null, all.get(0).checkpoint(), all.get(3).checkpoint())));
    }

    @Test
    void feedAfterTheLastCheckpointIsEmpty() {
        List<CommitRecord> all = interleaved(1);

        assertEquals(List.of(), feed(FeedRange.after(all.get(2).checkpoint())));
    }

    @Test
    void feedOfOneBucketReturnsOnlyItsCommits() {
        List<CommitRecord> all = interleaved(2);

        assertEquals(ofBucket(all, bucket), feed(FeedRange.after(bucket, 0)));
        assertEquals(ofBucket(all, otherBucket), feed(FeedRange.after(otherBucket, 0)));
    }

    @Test
    void feedOfOneBucketHonoursBothCheckpoints() {
        List<CommitRecord> all = interleaved(3);

        List<CommitRecord> expected = ofBucket(all.subList(2, 7), bucket);
        assertEquals(expected, feed(new FeedRange(bucket, all.get(1).checkpoint(), all.get(6).checkpoint())));
    }

    @Test
    void feedOfAnUnknownBucketIsEmpty() {
        interleaved(1);

        assertEquals(List.of(), feed(FeedRange.after(newId("unknown-bucket"), 0)));
    }

    @Test
    @DisplayName("a reader that polls after each commit sees every commit once, in order (no late arrivals)")
    void incrementalReaderSeesEveryCommitInCheckpointOrder() {
        String[] streams = {newStreamId(), newStreamId(), newStreamId()};
        CommitRecord[] heads = new CommitRecord[streams.length];
        List<CommitRecord> committed = new ArrayList<>();
        List<CommitRecord> seen = new ArrayList<>();
        long last = 0;
        for (int i = 0; i < 10; i++) {
            int s = i % streams.length;
            heads[s] = commit(heads[s] == null ? Attempts.first(bucket, streams[s]) : Attempts.next(heads[s]));
            committed.add(heads[s]);
            for (CommitRecord read : feed(FeedRange.after(last))) {
                seen.add(read);
                last = read.checkpoint();
            }
        }

        assertEquals(committed, seen);
    }

    @Test
    void feedRangeWithAfterAboveToIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FeedRange(null, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> FeedRange.after(-1));
    }
}
