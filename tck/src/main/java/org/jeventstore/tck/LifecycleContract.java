package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.Optional;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Closing and dropping: close is idempotent and every later call throws {@link IllegalStateException}. Reads
 * are consumed inside the assertion, since a lazy read may fail at the call or at its first fetch.
 */
abstract class LifecycleContract extends Contract {

    private final String stream = newStreamId();

    LifecycleContract(PersistenceEngineTck kit) {
        super(kit);
    }

    /** Closes the engine over a stream with one commit and a snapshot. */
    private void closeWithData() {
        commits(stream, 1);
        engine().snapshots().add(new SnapshotRecord(bucket, stream, 1, Events.payload("{}")));
        engine().close();
    }

    @Test
    void closeIsIdempotent() {
        engine().close();

        assertDoesNotThrow(() -> engine().close());
    }

    @Test
    void commitAfterCloseThrowsIllegalStateException() {
        closeWithData();

        assertClosed(() -> engine().commit(Attempts.first(bucket, newStreamId()).build()));
    }

    @Test
    void readStreamAfterCloseThrowsIllegalStateException() {
        closeWithData();

        assertClosed(() -> consume(engine().readStream(StreamRange.all(bucket, stream))));
    }

    @Test
    void readFeedAfterCloseThrowsIllegalStateException() {
        closeWithData();

        assertClosed(() -> consume(engine().readFeed(FeedRange.after(0))));
    }

    @Test
    void lastCheckpointAfterCloseThrowsIllegalStateException() {
        closeWithData();

        assertClosed(() -> engine().lastCheckpoint());
    }

    @Test
    void snapshotAfterCloseThrowsIllegalStateException() {
        closeWithData();

        assertClosed(() -> engine().snapshots().latest(new StreamKey(bucket, stream), Long.MAX_VALUE));
    }

    @Test
    void addSnapshotAfterCloseThrowsIllegalStateException() {
        closeWithData();

        assertClosed(() -> engine().snapshots().add(new SnapshotRecord(bucket, stream, 1, Events.payload("{}"))));
    }

    @Test
    void streamsToSnapshotAfterCloseThrowsIllegalStateException() {
        closeWithData();

        assertClosed(() -> consume(engine().snapshots().streamsToSnapshot(bucket, 0)));
    }

    @Test
    void deleteStreamAfterCloseThrowsIllegalStateException() {
        closeWithData();

        assertClosed(() -> engine().deleteStream(new StreamKey(bucket, stream)));
    }

    @Test
    void purgeAfterCloseThrowsIllegalStateException() {
        closeWithData();

        assertClosed(() -> engine().purge(Optional.empty()));
        assertClosed(() -> engine().purge(Optional.of(bucket)));
    }

    @Test
    @DisplayName("drop closes the engine: later calls throw IllegalStateException")
    void dropClosesTheEngine() {
        commits(stream, 2);

        engine().drop();

        assertClosed(() -> engine().commit(Attempts.first(bucket, newStreamId()).build()));
        assertClosed(() -> consume(engine().readStream(StreamRange.all(bucket, stream))));
        assertDoesNotThrow(() -> engine().close());
    }
}
