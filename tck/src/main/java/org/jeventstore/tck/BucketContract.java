package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.Test;

/** Buckets: the same stream id in two buckets names two unrelated streams. */
abstract class BucketContract extends Contract {

    private final String stream = newStreamId();

    BucketContract(PersistenceEngineTck kit) {
        super(kit);
    }

    @Test
    void sameStreamIdInTwoBucketsHasSeparateSequences() {
        CommitRecord mine = commit(Attempts.first(bucket, stream).events(2));
        CommitRecord other = commit(Attempts.first(otherBucket, stream));
        CommitRecord mineNext = commit(Attempts.next(mine));
        CommitRecord otherNext = commit(Attempts.next(other));

        assertEquals(List.of(mine, mineNext), readStream(bucket, stream));
        assertEquals(List.of(other, otherNext), readStream(otherBucket, stream));
        assertEquals(3, mineNext.streamRevision());
        assertEquals(2, otherNext.streamRevision());
    }

    @Test
    void snapshotsAreSeparatePerBucket() {
        commits(bucket, stream, 2);
        commits(otherBucket, stream, 2);
        SnapshotRecord mine = new SnapshotRecord(bucket, stream, 2, Events.payload("{\"bucket\":\"mine\"}"));
        SnapshotRecord other = new SnapshotRecord(otherBucket, stream, 1, Events.payload("{\"bucket\":\"other\"}"));

        assertTrue(engine().snapshots().add(mine));
        assertTrue(engine().snapshots().add(other));

        assertEquals(Optional.of(mine), engine().snapshots().latest(new StreamKey(bucket, stream), Long.MAX_VALUE));
        assertEquals(Optional.of(other), engine().snapshots().latest(new StreamKey(otherBucket, stream), Long.MAX_VALUE));
    }

    @Test
    void snapshotOfAStreamThatExistsOnlyInAnotherBucketIsRefused() {
        commits(bucket, stream, 2);

        assertFalse(engine().snapshots().add(new SnapshotRecord(otherBucket, stream, 1, Events.payload("{}"))));

        assertEquals(Optional.empty(), engine().snapshots().latest(new StreamKey(otherBucket, stream), Long.MAX_VALUE));
    }

    @Test
    void deleteStreamDeletesOnlyInItsBucket() {
        commits(bucket, stream, 2);
        List<CommitRecord> other = commits(otherBucket, stream, 3);

        engine().deleteStream(new StreamKey(bucket, stream));

        assertEquals(List.of(), readStream(bucket, stream));
        assertEquals(other, readStream(otherBucket, stream));
    }
}
