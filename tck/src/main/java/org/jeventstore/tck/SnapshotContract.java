package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Snapshots: stored, found at or below a revision, replaced, refused for streams that do not exist. */
abstract class SnapshotContract extends Contract {

    SnapshotContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private SnapshotRecord snapshot(String streamId, long revision) {
        return new SnapshotRecord(bucket, streamId, revision,
                Events.payload("{\"state\":\"at " + revision + "\"}"));
    }

    private Optional<SnapshotRecord> read(String streamId, long maxRevision) {
        return engine().snapshots().latest(new StreamKey(bucket, streamId), maxRevision);
    }

    @Test
    void addedSnapshotIsStored() {
        String stream = newStreamId();
        commits(stream, 3);
        SnapshotRecord snapshot = snapshot(stream, 2);

        assertTrue(engine().snapshots().add(snapshot));

        assertEquals(Optional.of(snapshot), read(stream, Long.MAX_VALUE));
    }

    @Test
    @DisplayName("the snapshot with the highest revision at or below maxRevision is returned")
    void snapshotAtOrBelowMaxRevisionIsTheMostRecentPrior() {
        String stream = newStreamId();
        commits(stream, 9);
        engine().snapshots().add(snapshot(stream, 3));
        engine().snapshots().add(snapshot(stream, 6));
        engine().snapshots().add(snapshot(stream, 9));

        assertEquals(Optional.of(snapshot(stream, 3)), read(stream, 5));
        assertEquals(Optional.of(snapshot(stream, 6)), read(stream, 6));
        assertEquals(Optional.of(snapshot(stream, 6)), read(stream, 8));
        assertEquals(Optional.of(snapshot(stream, 9)), read(stream, Long.MAX_VALUE));
    }

    @Test
    void noSnapshotAtOrBelowMaxRevisionReadsEmpty() {
        String stream = newStreamId();
        commits(stream, 5);
        engine().snapshots().add(snapshot(stream, 4));

        assertEquals(Optional.empty(), read(stream, 3));
    }

    @Test
    void streamWithoutSnapshotsReadsEmpty() {
        String stream = newStreamId();
        commits(stream, 2);

        assertEquals(Optional.empty(), read(stream, Long.MAX_VALUE));
        assertEquals(Optional.empty(), read(newStreamId(), Long.MAX_VALUE));
    }

    @Test
    void snapshotAtTheSameRevisionReplacesTheEarlierOne() {
        String stream = newStreamId();
        commits(stream, 2);
        engine().snapshots().add(snapshot(stream, 2));
        SnapshotRecord replacement = new SnapshotRecord(bucket, stream, 2, Events.payload("{\"state\":\"new\"}"));

        assertTrue(engine().snapshots().add(replacement));

        assertEquals(Optional.of(replacement), read(stream, Long.MAX_VALUE));
    }

    @Test
    void snapshotOfAStreamWithoutCommitsIsRefusedAndNotStored() {
        String stream = newStreamId();

        assertFalse(engine().snapshots().add(snapshot(stream, 1)));

        commits(stream, 1);
        assertEquals(Optional.empty(), read(stream, Long.MAX_VALUE));
        assertEquals(1, heads(bucket, 1).size());
        assertEquals(0, heads(bucket, 1).get(0).snapshotRevision());
    }

    @Test
    void snapshotPayloadRoundTripsExactly() {
        String stream = newStreamId();
        commits(stream, 1);
        byte[] bytes = {0, (byte) 0xff, 0x7b, 0x7d, (byte) 0xc3, (byte) 0xa9, 0};
        SnapshotRecord snapshot = new SnapshotRecord(bucket, stream, 1,
                new Payload("tck.state-v3", "application/x-tck", bytes));

        engine().snapshots().add(snapshot);

        Payload read = read(stream, 1).orElseThrow().payload();
        assertEquals("tck.state-v3", read.type());
        assertEquals("application/x-tck", read.contentType());
        assertArrayEquals(bytes, read.data());
    }

    @Test
    void largeSnapshotPayloadRoundTrips() {
        String stream = newStreamId();
        commits(stream, 1);
        SnapshotRecord snapshot = new SnapshotRecord(bucket, stream, 1,
                Events.payload(Events.jsonOfLength(100_000)));

        engine().snapshots().add(snapshot);

        assertEquals(Optional.of(snapshot), read(stream, 1));
    }
}
