package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.SnapshotRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Stream heads: which streams need a snapshot, up to date as soon as a commit or snapshot returns. */
abstract class StreamHeadContract extends Contract {

    StreamHeadContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private void snapshot(String streamId, long revision) {
        assertTrue(engine().snapshots().add(new SnapshotRecord(bucket, streamId, revision,
                Events.payload("{\"revision\":" + revision + "}"))));
    }

    @Test
    @DisplayName("a stream without snapshot is returned once its head reaches the threshold")
    void streamWithoutSnapshotAtTheThresholdIsReturned() {
        String stream = newStreamId();
        commit(Attempts.first(bucket, stream).events(3));

        assertEquals(List.of(new StreamHead(bucket, stream, 3, 0)), heads(bucket, 3));
    }

    @Test
    void streamBelowTheThresholdIsNotReturned() {
        String stream = newStreamId();
        commit(Attempts.first(bucket, stream).events(3));

        assertEquals(List.of(), heads(bucket, 4));
    }

    @Test
    void snapshotUpdatesTheHeadsSnapshotRevision() {
        String stream = newStreamId();
        commits(stream, 3);

        snapshot(stream, 2);

        assertEquals(List.of(new StreamHead(bucket, stream, 3, 2)), heads(bucket, 1));
        assertEquals(List.of(), heads(bucket, 2));
    }

    @Test
    void snapshottedStreamReappearsAfterMoreCommits() {
        String stream = newStreamId();
        List<CommitRecord> committed = commits(stream, 3);
        snapshot(stream, 3);
        assertEquals(List.of(), heads(bucket, 2));

        commit(Attempts.next(committed.get(2)).events(2));

        assertEquals(List.of(new StreamHead(bucket, stream, 5, 3)), heads(bucket, 2));
    }

    @Test
    @DisplayName("heads are up to date as soon as commit returns")
    void headRevisionFollowsEveryCommit() {
        String stream = newStreamId();
        CommitRecord previous = commit(Attempts.first(bucket, stream));
        for (int i = 2; i <= 4; i++) {
            previous = commit(Attempts.next(previous));
            assertEquals(List.of(new StreamHead(bucket, stream, i, 0)), heads(bucket, 1));
        }
    }

    @Test
    void headsAreThoseOfTheGivenBucketOnly() {
        String stream = newStreamId();
        commits(bucket, stream, 2);
        commits(otherBucket, stream, 4);

        assertEquals(List.of(new StreamHead(bucket, stream, 2, 0)), heads(bucket, 1));
        assertEquals(List.of(new StreamHead(otherBucket, stream, 4, 0)), heads(otherBucket, 1));
    }

    @Test
    void headsPageThroughMoreStreamsThanThePageSize() {
        Set<StreamHead> expected = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            String stream = newStreamId();
            commit(Attempts.first(bucket, stream).events(i));
            expected.add(new StreamHead(bucket, stream, i, 0));
        }
        String small = newStreamId();
        commits(small, 1);
        snapshot(small, 1);

        List<StreamHead> heads = heads(bucket, 1);

        assertEquals(5, heads.size(), heads.toString());
        assertEquals(expected, new HashSet<>(heads));
    }
}
