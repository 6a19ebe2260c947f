package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reads by commit stamp, an optional feature: every test asserts the read when the engine declares {@link
 * Capability#READ_BY_TIME}, and asserts that the engine refuses it with {@link UnsupportedOperationException}
 * when it does not.
 */
abstract class TimeReadContract extends Contract {

    private static final Instant T0 = Instant.parse("2021-06-01T12:00:00Z");
    private static final Instant YEAR_ONE = Instant.parse("0001-01-01T00:00:00Z");

    TimeReadContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Commits one single-event commit per stamp to {@code streamId}. */
    private List<CommitRecord> stamped(String bucketId, String streamId, Instant... stamps) {
        List<CommitRecord> records = new ArrayList<>();
        CommitRecord previous = null;
        for (Instant stamp : stamps) {
            previous = commit((previous == null ? Attempts.first(bucketId, streamId) : Attempts.next(previous))
                    .stamp(stamp));
            records.add(previous);
        }
        return records;
    }

    /** Asserts the read when the engine declares it, else that the engine refuses it. */
    private void assertReadByTime(List<CommitRecord> expected, TimeRange range) {
        if (engine().capabilities().contains(Capability.READ_BY_TIME)) {
            assertEquals(expected, toList(engine().readByTime(range)));
        } else {
            assertThrows(UnsupportedOperationException.class, () -> consume(engine().readByTime(range)),
                    "an engine that does not declare READ_BY_TIME must refuse readByTime");
        }
    }

    @Test
    @DisplayName("reads commits stamped in [from, to)")
    void readsCommitsStampedWithinTheHalfOpenRange() {
        List<CommitRecord> c = stamped(bucket, newStreamId(), t(0), t(1), t(2), t(3));

        assertReadByTime(c.subList(1, 3), new TimeRange(bucket, t(1), t(3)));
    }

    @Test
    void ordersByStampThenCheckpoint() {
        String a = newStreamId();
        String b = newStreamId();
        CommitRecord a1 = commit(Attempts.first(bucket, a).stamp(t(2)));
        CommitRecord b1 = commit(Attempts.first(bucket, b).stamp(t(1)));
        CommitRecord a2 = commit(Attempts.next(a1).stamp(t(1)));
        CommitRecord b2 = commit(Attempts.next(b1).stamp(t(0)));

        assertReadByTime(List.of(b2, b1, a2, a1), new TimeRange(bucket, t(0), Instant.MAX));
    }

    @Test
    void readsOnlyTheGivenBucket() {
        String stream = newStreamId();
        List<CommitRecord> mine = stamped(bucket, stream, t(0), t(1));
        stamped(otherBucket, stream, t(0), t(1));

        assertReadByTime(mine, new TimeRange(bucket, t(0), t(5)));
    }

    @Test
    @DisplayName("pages through more commits than the page size, with equal stamps across page boundaries")
    void pagesThroughMoreCommitsThanThePageSize() {
        String a = newStreamId();
        String b = newStreamId();
        List<CommitRecord> inA = stamped(bucket, a, t(0), t(0), t(1), t(2));
        List<CommitRecord> inB = stamped(bucket, b, t(0), t(1), t(2));
        List<CommitRecord> expected = List.of(inA.get(0), inA.get(1), inB.get(0), inA.get(2), inB.get(1),
                inA.get(3), inB.get(2));

        assertReadByTime(expected, new TimeRange(bucket, t(0), Instant.MAX));
    }

    @Test
    void emptyRangeReadsNothing() {
        stamped(bucket, newStreamId(), t(0), t(1));

        assertReadByTime(List.of(), new TimeRange(bucket, t(1), t(1)));
    }

    @Test
    @DisplayName("year 1 AD stamps round-trip and are found by time")
    void yearOneStampsRoundTrip() {
        String stream = newStreamId();
        List<CommitRecord> old = stamped(bucket, stream, YEAR_ONE, YEAR_ONE.plusMillis(1));
        stamped(bucket, newStreamId(), t(0));

        assertEquals(old, readStream(bucket, stream));
        assertEquals(YEAR_ONE, readStream(bucket, stream).get(0).commitStamp());
        assertReadByTime(old, new TimeRange(bucket, YEAR_ONE, YEAR_ONE.plusSeconds(1)));
    }
}
