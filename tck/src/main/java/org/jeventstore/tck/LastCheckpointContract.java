package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.jeventstore.EventStore;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code lastCheckpoint()}: the checkpoint of the feed's last commit, never one the feed would not return.
 * Metrics compute a subscription's lag as {@code lastCheckpoint() - position}, so a caught-up reader must see 0
 * whatever was deleted after its last commit.
 */
abstract class LastCheckpointContract extends Contract {

    LastCheckpointContract(PersistenceEngineTck kit) {
        super(kit);
    }

    /** The checkpoint of the last commit the whole feed returns, 0 for none. */
    private long lastOfFeed(PersistenceEngine engine) {
        List<CommitRecord> feed = toList(engine.readFeed(FeedRange.after(0)));
        return feed.isEmpty() ? 0 : feed.get(feed.size() - 1).checkpoint();
    }

    private static long last(List<CommitRecord> commits) {
        return commits.get(commits.size() - 1).checkpoint();
    }

    @Test
    void emptyEngineAnswersZero() {
        assertEquals(0, engine().lastCheckpoint());
    }

    @Test
    void answersTheLastCommitsCheckpointAfterCommitsInTwoBuckets() {
        commits(newStreamId(), 2);
        List<CommitRecord> other = commits(otherBucket, newStreamId(), 3);

        assertEquals(last(other), engine().lastCheckpoint());
        assertEquals(lastOfFeed(engine()), engine().lastCheckpoint());
    }

    @Test
    @DisplayName("after the stream holding the last commit is deleted, it is the last commit the feed still returns")
    void afterDeletingTheStreamOfTheLastCommitAnswersTheLastCommitLeft() {
        List<CommitRecord> kept = commits(newStreamId(), 2);
        String deleted = newStreamId();
        commits(otherBucket, deleted, 1);

        engine().deleteStream(new StreamKey(otherBucket, deleted));

        assertEquals(last(kept), engine().lastCheckpoint());
        assertEquals(lastOfFeed(engine()), engine().lastCheckpoint());
    }

    @Test
    @DisplayName("after more deleted commits than a page at the end of the feed, it is the last commit left")
    void afterDeletingSeveralPagesAtTheEndAnswersTheLastCommitLeft() {
        List<CommitRecord> kept = commits(newStreamId(), 1);
        String deleted = newStreamId();
        commits(deleted, PersistenceEngineTck.PAGE_SIZE * 4 + 1);

        engine().deleteStream(new StreamKey(bucket, deleted));

        assertEquals(last(kept), engine().lastCheckpoint());
    }

    @Test
    void afterDeletingEveryStreamAnswersZero() {
        String stream = newStreamId();
        commits(stream, 3);

        engine().deleteStream(new StreamKey(bucket, stream));

        assertEquals(0, engine().lastCheckpoint());
    }

    @Test
    void afterPurgingTheBucketOfTheLastCommitAnswersTheLastCommitOfTheOthers() {
        List<CommitRecord> kept = commits(newStreamId(), 2);
        commits(otherBucket, newStreamId(), 2);

        engine().purge(Optional.of(otherBucket));

        assertEquals(last(kept), engine().lastCheckpoint());
        assertEquals(lastOfFeed(engine()), engine().lastCheckpoint());
    }

    @Test
    void afterPurgingEverythingAnswersZero() {
        commits(newStreamId(), 2);
        commits(otherBucket, newStreamId(), 2);

        engine().purge(Optional.empty());

        assertEquals(0, engine().lastCheckpoint());
    }

    @Test
    @DisplayName("a commit after a delete at the end of the feed is the new last one")
    void commitAfterADeleteAtTheEndIsTheLastOne() {
        String deleted = newStreamId();
        commits(deleted, 2);
        engine().deleteStream(new StreamKey(bucket, deleted));

        List<CommitRecord> next = commits(newStreamId(), 1);

        assertEquals(last(next), engine().lastCheckpoint());
    }

    @Test
    @DisplayName("a reopened engine answers the same, also after a delete at the end of the feed")
    void reopenedEngineAnswersTheSame() {
        List<CommitRecord> kept = commits(newStreamId(), 2);
        String deleted = newStreamId();
        commits(otherBucket, deleted, 3);
        engine().deleteStream(new StreamKey(otherBucket, deleted));

        PersistenceEngine reopened = reopen();

        assertEquals(last(kept), reopened.lastCheckpoint());
        assertEquals(lastOfFeed(reopened), reopened.lastCheckpoint());
    }

    @Test
    @DisplayName("it equals the last commit of readFeed after every commit, delete and purge")
    void equalsTheLastCommitOfTheFeedThroughout() {
        String[] streams = {newStreamId(), newStreamId(), newStreamId()};
        for (int round = 0; round < 3; round++) {
            for (String stream : streams) {
                commits(round % 2 == 0 ? bucket : otherBucket, stream + "-" + round, 2);
                assertEquals(lastOfFeed(engine()), engine().lastCheckpoint(), "after a commit");
            }
            engine().deleteStream(new StreamKey(round % 2 == 0 ? bucket : otherBucket, streams[2] + "-" + round));
            assertEquals(lastOfFeed(engine()), engine().lastCheckpoint(), "after a delete");
        }
        engine().purge(Optional.of(bucket));
        assertEquals(lastOfFeed(engine()), engine().lastCheckpoint(), "after a purge of one bucket");
    }

    @Test
    @DisplayName("the store's advanced().lastCheckpoint() answers the engine's")
    void storeAnswersTheEnginesLastCheckpoint() {
        List<CommitRecord> written = commits(newStreamId(), 2);
        EventStore store = Carts.store(engine());

        assertEquals(last(written), store.advanced().lastCheckpoint());
    }
}
