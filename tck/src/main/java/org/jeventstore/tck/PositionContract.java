package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.junit.jupiter.api.Test;

/** Named positions in the feed, stored durably by the engine for dispatchers and subscriptions. */
abstract class PositionContract extends Contract {

    private final String prefix = newId("position") + "/";

    PositionContract(PersistenceEngineTck kit) {
        super(kit);
    }

    @Test
    void unknownPositionIsEmpty() {
        assertEquals(OptionalLong.empty(), engine().position(prefix + "unknown"));
    }

    @Test
    void savedPositionReadsBack() {
        engine().savePosition(new Position(prefix + "a", 42));
        assertEquals(OptionalLong.of(42), engine().position(prefix + "a"));
    }

    @Test
    void savingAgainReplacesThePosition() {
        engine().savePosition(new Position(prefix + "a", 42));
        engine().savePosition(new Position(prefix + "a", 7));
        assertEquals(OptionalLong.of(7), engine().position(prefix + "a"));
    }

    @Test
    void positionsAreListedByPrefixInNameOrderAcrossPages() {
        List<Position> saved = IntStream.of(3, 1, 4, 5, 2)
                .mapToObj(i -> new Position(prefix + "p" + i, i * 10L)).toList();
        saved.forEach(engine()::savePosition);
        engine().savePosition(new Position(prefix.substring(0, prefix.length() - 1) + "-other", 1));
        List<Position> expected = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new Position(prefix + "p" + i, i * 10L)).toList();
        assertEquals(expected, toList(engine().positions(prefix)));
        assertEquals(List.of(new Position(prefix + "p3", 30)), toList(engine().positions(prefix + "p3")));
    }

    @Test
    void deletedPositionIsGoneAndDeletingAnUnknownOneIsHarmless() {
        engine().savePosition(new Position(prefix + "a", 1));
        engine().deletePosition(prefix + "a");
        engine().deletePosition(prefix + "never-saved");
        assertEquals(OptionalLong.empty(), engine().position(prefix + "a"));
        assertEquals(List.of(), toList(engine().positions(prefix)));
    }

    @Test
    void positionsSurviveClosingAndReopeningTheEngine() {
        engine().savePosition(new Position(prefix + "a", 5));
        engine().close();
        PersistenceEngine reopened = reopen();
        assertEquals(OptionalLong.of(5), reopened.position(prefix + "a"));
    }

    @Test
    void commitsSurviveClosingAndReopeningTheEngine() {
        List<CommitRecord> written = commits(newStreamId(), 3);
        engine().close();
        PersistenceEngine reopened = reopen();
        assertEquals(written, toList(reopened.readFeed(FeedRange.after(bucket, 0))));
    }

    @Test
    void purgeKeepsPositions() {
        engine().savePosition(new Position(prefix + "a", 5));
        commits(newStreamId(), 1);
        engine().purge();
        assertEquals(OptionalLong.of(5), engine().position(prefix + "a"));
    }

    @Test
    void badPositionNamesAreRejected() {
        assertRejected(() -> engine().position(null));
        assertRejected(() -> engine().position(" "));
        assertRejected(() -> engine().deletePosition(""));
        assertRejected(() -> engine().savePosition(null));
        assertRejected(() -> engine().positions(null));
        assertRejected(() -> new Position(prefix + "a", -1));
        assertRejected(() -> new Position("x".repeat(300), 1));
        assertEquals(List.of(), toList(engine().positions(prefix)));
    }

    @Test
    void positionCallsAfterCloseThrowIllegalStateException() {
        engine().close();
        assertThrows(IllegalStateException.class, () -> engine().position(prefix + "a"));
        assertThrows(IllegalStateException.class, () -> engine().savePosition(new Position(prefix + "a", 1)));
        assertThrows(IllegalStateException.class, () -> engine().deletePosition(prefix + "a"));
        assertThrows(IllegalStateException.class, () -> consume(engine().positions(prefix)));
    }
}
