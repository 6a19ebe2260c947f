package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.StreamRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reads of more items than the page size ({@value PersistenceEngineTck#PAGE_SIZE}) are complete and in order,
 * whether the last page is full or not.
 */
abstract class PagingContract extends Contract {

    PagingContract(PersistenceEngineTck kit) {
        super(kit);
    }

    @Test
    void streamReadOfAnOddNumberOfCommitsIsComplete() {
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 7);

        assertEquals(committed, readStream(bucket, stream));
    }

    @Test
    @DisplayName("a stream read ending exactly at a page boundary is complete")
    void streamReadOfWholePagesIsComplete() {
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 4);

        assertEquals(committed, readStream(bucket, stream));
    }

    @Test
    void streamReadWithBoundsPagesWithinThem() {
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 10);

        assertEquals(committed.subList(2, 8), read(new StreamRange(bucket, stream, 3, 8)));
    }

    @Test
    void streamReadOfMultiEventCommitsPagesByCommit() {
        String stream = newStreamId();
        List<CommitRecord> committed = new ArrayList<>();
        CommitRecord previous = commit(Attempts.first(bucket, stream).events(3));
        committed.add(previous);
        for (int i = 0; i < 4; i++) {
            previous = commit(Attempts.next(previous).events(3));
            committed.add(previous);
        }

        assertEquals(committed, readStream(bucket, stream));
        assertEquals(committed.subList(1, 4), read(new StreamRange(bucket, stream, 5, 11)));
    }

    @Test
    void feedOfEveryBucketPagesInCheckpointOrder() {
        List<CommitRecord> all = new ArrayList<>();
        String stream = newStreamId();
        CommitRecord mine = null;
        CommitRecord other = null;
        for (int i = 0; i < 4; i++) {
            mine = commit(mine == null ? Attempts.first(bucket, stream) : Attempts.next(mine));
            other = commit(other == null ? Attempts.first(otherBucket, stream) : Attempts.next(other));
            all.add(mine);
            all.add(other);
        }
        all.add(commit(Attempts.next(mine)));

        assertEquals(all, feed());
    }

    @Test
    @DisplayName("a feed of one bucket pages past the commits of other buckets")
    void feedOfOneBucketPagesPastOtherBuckets() {
        String stream = newStreamId();
        List<CommitRecord> mine = new ArrayList<>();
        CommitRecord previous = null;
        for (int i = 0; i < 5; i++) {
            commits(otherBucket, newStreamId(), 3);
            previous = commit(previous == null ? Attempts.first(bucket, stream) : Attempts.next(previous));
            mine.add(previous);
        }

        assertEquals(mine, feed(FeedRange.after(bucket, 0)));
        assertEquals(mine.subList(1, 4),
                feed(new FeedRange(bucket, mine.get(0).checkpoint(), mine.get(3).checkpoint())));
    }

    @Test
    void feedToACheckpointPagesUpToIt() {
        List<CommitRecord> committed = commits(newStreamId(), 9);

        assertEquals(committed.subList(1, 8),
                feed(new FeedRange(null, committed.get(0).checkpoint(), committed.get(7).checkpoint())));
    }
}
