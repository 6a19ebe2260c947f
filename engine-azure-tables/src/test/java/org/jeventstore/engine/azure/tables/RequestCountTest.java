package org.jeventstore.engine.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.testbackends.Azurite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP requests per commit, counted with an {@code HttpPipelinePolicy}: three in the common case (reserve the
 * checkpoint, the stream transaction, mark done), whatever the size of the store.
 */
@ExtendWith(Azurite.class)
class RequestCountTest {

    private final RequestCounter counter = new RequestCounter();
    private final String table = "t" + UUID.randomUUID().toString().replace("-", "");
    private PersistenceEngine engine;

    @BeforeEach
    void open() {
        engine = AzureTablesEngineProvider.open(StoreUri.parse(Azurite.tableUri(table, "create=true")),
                EngineOptions.defaults(), List.of(counter), FailurePoint.NONE);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static CommitAttempt attempt(String streamId, long sequence) {
        return new CommitAttempt("b", streamId, sequence, UUID.randomUUID(), sequence, Instant.now(),
                "{}".getBytes(), List.of(new EventRecord("{}".getBytes(),
                new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes()))));
    }

    @Test
    void anUncontendedCommitTakesThreeRequestsHoweverLargeTheStore() {
        for (int i = 1; i <= 30; i++) {
            engine.commit(attempt("s" + i, 1));
        }
        counter.reset();

        engine.commit(attempt("s1", 2));
        engine.commit(attempt("new", 1));

        assertEquals(List.of("POST " + table, "POST $batch", "PATCH " + feedRow(31),
                        "POST " + table, "POST $batch", "PATCH " + feedRow(32)),
                counter.requests().stream().map(RequestCountTest::shorten).toList());
    }

    @Test
    void aLostRaceTakesThreeRequestsAndLeavesAGap() {
        CommitRecord first = engine.commit(attempt("s", 1));
        counter.reset();

        assertThrows(ConcurrencyException.class, () -> engine.commit(attempt("s", 1)));

        assertEquals(3, counter.count(), counter.requests().toString());
        assertEquals(first.checkpoint() + 2, engine.commit(attempt("s", 2)).checkpoint());
    }

    @Test
    void lastCheckpointTakesTwoRequestsHoweverLargeTheStore() {
        for (int i = 1; i <= 30; i++) {
            engine.commit(attempt("s" + i, 1));
        }
        counter.reset();

        assertEquals(30, engine.lastCheckpoint());

        // a point read past the end the writer knows, then one query of the last window's DONE rows
        assertEquals(List.of("GET " + feedRow(31), "GET " + table + "()"),
                counter.requests().stream().map(RequestCountTest::shorten).toList());
    }

    @Test
    void aColdEngineFindsTheEndOfTheFeedInLogarithmicallyManyReads() {
        for (int i = 1; i <= 40; i++) {
            engine.commit(attempt("s" + i, 1));
        }
        RequestCounter coldCounter = new RequestCounter();
        String uri = Azurite.tableUri(table, "");
        try (PersistenceEngine cold = AzureTablesEngineProvider.open(StoreUri.parse(uri), EngineOptions.defaults(),
                List.of(coldCounter), FailurePoint.NONE)) {
            coldCounter.reset();
            assertEquals(41, cold.commit(attempt("cold", 1)).checkpoint());
            // one failed insert at 1, probes 2, 3, 5, 9, 17, 33, 65 and bisection: far fewer than 40 rows
            int requests = coldCounter.count();
            assertTrue(requests <= 3 + 1 + 14, coldCounter.requests().toString());
        }
    }

    @Test
    void readsFetchOnePageOfPageSizeRowsPerRequestAndOnlyAsConsumed() {
        for (int i = 1; i <= 5; i++) {
            engine.commit(attempt("paged", i));
        }
        RequestCounter pages = new RequestCounter();
        try (PersistenceEngine paged = AzureTablesEngineProvider.open(StoreUri.parse(Azurite.tableUri(table, "")),
                new EngineOptions(2), List.of(pages), FailurePoint.NONE)) {
            pages.reset();
            try (Stream<CommitRecord> read = paged.readStream(StreamRange.all("b", "paged"))) {
                assertEquals(1, read.limit(1).count());
            }
            assertEquals(1, pages.count(), pages.requests().toString());

            pages.reset();
            try (Stream<CommitRecord> read = paged.readStream(StreamRange.all("b", "paged"))) {
                assertEquals(5, read.count());
            }
            try (Stream<CommitRecord> read = paged.readFeed(FeedRange.after(0))) {
                assertEquals(5, read.count());
            }
            // 5 rows in pages of 2: three requests each
            assertEquals(6, pages.count(), pages.requests().toString());
        }
    }

    @Test
    void aConditionalPositionWriteTakesOneRequestToCreateAndAReadAndAnUpdateToReplace() {
        counter.reset();
        assertTrue(engine.positions().replace(null, new Position("p", 1, "holder")));
        assertEquals(1, counter.count(), counter.requests().toString());
        counter.reset();
        assertFalse(engine.positions().replace(null, new Position("p", 1, "other")));
        assertEquals(1, counter.count(), counter.requests().toString());
        counter.reset();
        assertTrue(engine.positions().replace(new Position("p", 1, "holder"), new Position("p", 2, "holder")));
        assertEquals(2, counter.count(), counter.requests().toString());
        counter.reset();
        assertFalse(engine.positions().replace(new Position("p", 1, "holder"), new Position("p", 3, "holder")));
        assertEquals(1, counter.count(), "a stale expected position is seen by the read: " + counter.requests());
    }

    private static String feedRow(long checkpoint) {
        return "row " + checkpoint;
    }

    /** Entity paths read "table(PartitionKey='feed',RowKey='000…32')": keep the checkpoint. */
    private static String shorten(String request) {
        int row = request.indexOf("RowKey='");
        if (row < 0) {
            return request;
        }
        String key = request.substring(row + 8, request.indexOf('\'', row + 8));
        return request.substring(0, request.indexOf(' ')) + " row " + Long.parseLong(key);
    }
}
