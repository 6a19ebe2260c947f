package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.Test;

/** Deleting a stream and purging buckets or the store; checkpoints are never given out again. */
abstract class DeleteContract extends Contract {

    DeleteContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private void snapshot(String bucketId, String streamId, long revision) {
        assertTrue(engine().snapshots().add(new SnapshotRecord(bucketId, streamId, revision,
                Events.payload("{\"revision\":" + revision + "}"))));
    }

    private static long highest(List<CommitRecord> commits) {
        return commits.stream().mapToLong(CommitRecord::checkpoint).max().orElseThrow();
    }

    @Test
    void deletedStreamReadsEmpty() {
        String stream = newStreamId();
        commits(stream, 3);

        engine().deleteStream(new StreamKey(bucket, stream));

        assertEquals(List.of(), readStream(bucket, stream));
    }

    @Test
    void deletedStreamHasNoSnapshot() {
        String stream = newStreamId();
        commits(stream, 3);
        snapshot(bucket, stream, 2);

        engine().deleteStream(new StreamKey(bucket, stream));

        assertEquals(Optional.empty(), engine().snapshots().latest(new StreamKey(bucket, stream), Long.MAX_VALUE));
    }

    @Test
    void deletedStreamIsNoLongerAStreamToSnapshot() {
        String stream = newStreamId();
        commits(stream, 3);

        engine().deleteStream(new StreamKey(bucket, stream));

        assertEquals(List.of(), heads(bucket, 0));
    }

    @Test
    void deletedStreamLeavesTheFeed() {
        String deleted = newStreamId();
        String kept = newStreamId();
        List<CommitRecord> before = commits(kept, 1);
        commits(deleted, 2);
        List<CommitRecord> after = commits(otherBucket, kept, 1);

        engine().deleteStream(new StreamKey(bucket, deleted));

        assertEquals(concat(before, after), feed());
        assertEquals(before, feed(FeedRange.after(bucket, 0)));
    }

    @Test
    void deleteLeavesOtherStreamsAndBucketsUntouched() {
        String deleted = newStreamId();
        String kept = newStreamId();
        commits(deleted, 2);
        List<CommitRecord> keptCommits = commits(kept, 2);
        List<CommitRecord> sameIdElsewhere = commits(otherBucket, deleted, 2);
        snapshot(bucket, kept, 1);
        snapshot(otherBucket, deleted, 1);

        engine().deleteStream(new StreamKey(bucket, deleted));

        assertEquals(keptCommits, readStream(bucket, kept));
        assertEquals(sameIdElsewhere, readStream(otherBucket, deleted));
        assertTrue(engine().snapshots().latest(new StreamKey(bucket, kept), 2).isPresent());
        assertTrue(engine().snapshots().latest(new StreamKey(otherBucket, deleted), 2).isPresent());
        assertEquals(List.of(new StreamHead(otherBucket, deleted, 2, 1)), heads(otherBucket, 0));
    }

    @Test
    void deletingAStreamTwiceOrAnUnknownStreamIsHarmless() {
        String stream = newStreamId();
        List<CommitRecord> kept = commits(stream, 1);
        String deleted = newStreamId();
        commits(deleted, 1);

        engine().deleteStream(new StreamKey(bucket, deleted));
        engine().deleteStream(new StreamKey(bucket, deleted));
        engine().deleteStream(new StreamKey(bucket, newStreamId()));

        assertEquals(kept, feed());
    }

    @Test
    void checkpointsAreNotReusedAfterDeleteStream() {
        String stream = newStreamId();
        List<CommitRecord> committed = concat(commits(newStreamId(), 1), commits(stream, 2));

        engine().deleteStream(new StreamKey(bucket, stream));
        CommitRecord next = commit(Attempts.first(bucket, newStreamId()));

        assertTrue(next.checkpoint() > highest(committed), next.checkpoint() + " after " + highest(committed));
    }

    @Test
    void recreatedStreamStartsAtSequenceOneAfterTheLastCheckpoint() {
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 3);

        engine().deleteStream(new StreamKey(bucket, stream));
        List<CommitRecord> recreated = commits(stream, 2);

        assertEquals(recreated, readStream(bucket, stream));
        assertEquals(1, recreated.get(0).commitSequence());
        assertTrue(recreated.get(0).checkpoint() > highest(committed));
        assertEquals(recreated, feed());
    }

    @Test
    void purgeRemovesEverythingInEveryBucket() {
        String stream = newStreamId();
        commits(bucket, stream, 2);
        commits(otherBucket, stream, 2);
        snapshot(bucket, stream, 1);
        snapshot(otherBucket, stream, 1);

        engine().purge(Optional.empty());

        assertEquals(List.of(), feed());
        assertEquals(List.of(), readStream(bucket, stream));
        assertEquals(List.of(), readStream(otherBucket, stream));
        assertEquals(Optional.empty(), engine().snapshots().latest(new StreamKey(bucket, stream), Long.MAX_VALUE));
        assertEquals(Optional.empty(), engine().snapshots().latest(new StreamKey(otherBucket, stream), Long.MAX_VALUE));
        assertEquals(List.of(), heads(bucket, 0));
        assertEquals(List.of(), heads(otherBucket, 0));
    }

    @Test
    void purgeOfOneBucketLeavesTheOthers() {
        String stream = newStreamId();
        commits(bucket, stream, 2);
        List<CommitRecord> kept = commits(otherBucket, stream, 2);
        snapshot(bucket, stream, 1);
        snapshot(otherBucket, stream, 1);

        engine().purge(Optional.of(bucket));

        assertEquals(kept, feed());
        assertEquals(List.of(), readStream(bucket, stream));
        assertEquals(Optional.empty(), engine().snapshots().latest(new StreamKey(bucket, stream), Long.MAX_VALUE));
        assertEquals(List.of(), heads(bucket, 0));
        assertEquals(kept, readStream(otherBucket, stream));
        assertTrue(engine().snapshots().latest(new StreamKey(otherBucket, stream), Long.MAX_VALUE).isPresent());
        assertEquals(List.of(new StreamHead(otherBucket, stream, 2, 1)), heads(otherBucket, 0));
    }

    @Test
    void checkpointsAreNotReusedAfterPurge() {
        List<CommitRecord> committed = commits(newStreamId(), 3);

        engine().purge(Optional.empty());
        CommitRecord next = commit(Attempts.first(bucket, newStreamId()));

        assertTrue(next.checkpoint() > highest(committed), next.checkpoint() + " after " + highest(committed));
    }

    @Test
    void checkpointsAreNotReusedAfterPurgeOfABucket() {
        List<CommitRecord> kept = commits(otherBucket, newStreamId(), 1);
        List<CommitRecord> purged = commits(newStreamId(), 3);

        engine().purge(Optional.of(bucket));
        CommitRecord next = commit(Attempts.first(otherBucket, newStreamId()));

        assertTrue(next.checkpoint() > highest(purged), next.checkpoint() + " after " + highest(purged));
        assertEquals(concat(kept, List.of(next)), feed());
    }

    @Test
    void anotherEngineThatSawTheDeletedCommitsDoesNotReuseTheirCheckpoints() {
        PersistenceEngine other = reopen();
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 3);
        consume(other.readFeed(FeedRange.after(0)));

        engine().deleteStream(new StreamKey(bucket, stream));
        CommitRecord next = other.commit(Attempts.first(bucket, newStreamId()).build());

        assertTrue(next.checkpoint() > highest(committed), next.checkpoint() + " after " + highest(committed));
    }

    @Test
    void anotherEngineDoesNotReuseCheckpointsAfterAPurge() {
        PersistenceEngine other = reopen();
        List<CommitRecord> committed = commits(newStreamId(), 3);
        other.commit(Attempts.first(bucket, newStreamId()).build());

        engine().purge(Optional.empty());
        CommitRecord next = other.commit(Attempts.first(bucket, newStreamId()).build());

        assertTrue(next.checkpoint() > highest(committed) + 1, next.checkpoint() + " after " + (highest(committed) + 1));
    }
}
