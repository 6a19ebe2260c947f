package org.jeventstore.engine.dynamodb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.testbackends.DynamoDbLocal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the kit cannot see: round trips per commit, chunked commits, limits, throttling, contention. */
class DynamoDbEngineTest {

    private static final String BUCKET = "default";

    private final RequestCounter counter = new RequestCounter();
    private final List<DynamoDbEngine> engines = new ArrayList<>();
    private StoreUri uri;

    @BeforeEach
    void newTable() {
        uri = StoreUri.parse(DynamoDbLocal.freshUri());
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(DynamoDbEngine::close);
    }

    private DynamoDbEngine open(ExecutionInterceptor... interceptors) {
        DynamoDbEngine engine = DynamoDbEngineProvider.open(uri, EngineOptions.defaults(), List.of(interceptors));
        engines.add(engine);
        return engine;
    }

    private static <T> List<T> list(Stream<T> stream) {
        try (stream) {
            return stream.collect(Collectors.toList());
        }
    }

    private static String stream() {
        return "stream-" + UUID.randomUUID();
    }

    /** Every item of the table whose partition key starts with {@code prefix}. */
    private List<Map<String, AttributeValue>> items(String prefix) {
        String table = uri.toURI().getPath().substring(1);
        try (DynamoDbClient raw = DynamoDbLocal.client()) {
            return raw.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                    .filter(item -> item.get(Keys.PK).s().startsWith(prefix)).toList();
        }
    }

    @Test
    void openingAFreshEngineReadsTheTableAndTheLastCheckpointOnce() {
        open(counter);

        assertEquals(List.of("DescribeTable", "CreateTable", "DescribeTable", "Query"), counter.sent());
    }

    @Test
    void theFirstCommitOfAnOpenedEngineIsOneTransactWriteItems() {
        DynamoDbEngine engine = open(counter);
        counter.reset();

        engine.commit(TestCommits.first(BUCKET, stream()));

        assertEquals(List.of("TransactWriteItems"), counter.sent());
    }

    @Test
    void everyUncontendedCommitIsOneTransactWriteItems() {
        DynamoDbEngine engine = open(counter);
        CommitRecord previous = engine.commit(TestCommits.first(BUCKET, stream()));
        counter.reset();

        for (int i = 0; i < 10; i++) {
            previous = engine.commit(i % 2 == 0 ? TestCommits.next(previous) : TestCommits.first(BUCKET, stream()));
        }

        assertEquals(10, counter.sent().size(), counter.sent().toString());
        assertTrue(counter.sent().stream().allMatch("TransactWriteItems"::equals), counter.sent().toString());
    }

    @Test
    void aCommitAfterAnotherEngineWroteRefreshesTheCheckpointOnceAndKeepsTheFeedOrdered() {
        DynamoDbEngine mine = open(counter);
        DynamoDbEngine other = open();
        CommitRecord first = mine.commit(TestCommits.first(BUCKET, stream()));
        CommitRecord foreign = other.commit(TestCommits.first(BUCKET, stream()));
        counter.reset();

        CommitRecord next = mine.commit(TestCommits.first(BUCKET, stream()));

        assertEquals(List.of("TransactWriteItems", "Query", "TransactWriteItems"), counter.sent());
        assertEquals(List.of(first, foreign, next), list(mine.readFeed(FeedRange.after(0))));
        assertEquals(foreign.checkpoint() + 1, next.checkpoint());
    }

    @Test
    void aCommitLargerThanAnItemIsSplitIntoChunksAndReadBackWhole() {
        DynamoDbEngine engine = open(counter);
        String stream = stream();
        byte[] body = TestCommits.body(1_000_000);
        counter.reset();

        CommitRecord large = engine.commit(TestCommits.first(BUCKET, stream, body));

        assertEquals(List.of("TransactWriteItems"), counter.sent());
        assertEquals(4, items("K|").size());
        assertEquals(List.of(large), list(engine.readStream(StreamRange.all(BUCKET, stream))));
        assertEquals(List.of(large), list(engine.readFeed(FeedRange.after(0))));
        assertArrayEquals(body, list(open().readFeed(FeedRange.after(0))).get(0).events().get(0).body().data());
    }

    @Test
    void deletingAStreamRemovesItsChunksAndLeavesTombstonesInTheFeed() {
        DynamoDbEngine engine = open();
        String stream = stream();
        CommitRecord large = engine.commit(TestCommits.first(BUCKET, stream, TestCommits.body(700_000)));
        engine.commit(TestCommits.next(large));

        engine.deleteStream(new StreamKey(BUCKET, stream));

        assertEquals(List.of(), items("K|"));
        assertEquals(List.of(), items("S|"));
        List<Map<String, AttributeValue>> feed = items(Keys.FEED);
        assertEquals(2, feed.size());
        assertTrue(feed.stream().allMatch(item -> item.containsKey(CommitItems.DEAD)
                && !item.containsKey(CommitItems.DATA) && !item.containsKey(CommitItems.CHUNKS)), feed.toString());
        assertEquals(3, engine.commit(TestCommits.first(BUCKET, stream)).checkpoint());
    }

    @Test
    void aChunkedCommitDeletedUnderAReaderIsPassedOverNotAnError() {
        DynamoDbEngine engine = open();
        String stream = stream();
        CommitRecord large = engine.commit(TestCommits.first(BUCKET, stream, TestCommits.body(700_000)));
        // What a reader holding the commit item from before a delete meets: the delete's transaction has
        // tombstoned the feed item and removed the chunks (the commit item is left here to stand for the page
        // the reader already fetched).
        String table = uri.toURI().getPath().substring(1);
        try (DynamoDbClient raw = DynamoDbLocal.client()) {
            for (Map<String, AttributeValue> chunk : items(Keys.chunks(large.checkpoint()))) {
                raw.deleteItem(b -> b.tableName(table).key(Keys.key(chunk.get(Keys.PK).s(), chunk.get(Keys.SK).s())));
            }
            raw.updateItem(b -> b.tableName(table).key(Keys.key(Keys.FEED, Keys.pad(large.checkpoint())))
                    .updateExpression("SET #dead = :dead")
                    .expressionAttributeNames(Map.of("#dead", CommitItems.DEAD))
                    .expressionAttributeValues(Map.of(":dead", AttributeValue.fromBool(true))));
        }

        assertEquals(List.of(), list(engine.readStream(StreamRange.all(BUCKET, stream))));
    }

    @Test
    @DisplayName("chunks still missing after the wait are a retryable StorageUnavailableException, never a skip")
    void chunksStillMissingAfterTheWaitAreRetryable() {
        DynamoDbEngine engine = open();
        String stream = stream();
        CommitRecord large = engine.commit(TestCommits.first(BUCKET, stream, TestCommits.body(700_000)));
        // What a reader meets while the transaction that wrote the commit is still being applied to the chunks'
        // partition, for longer than the reader waits: the commit and feed items are there, the chunks not yet.
        String table = uri.toURI().getPath().substring(1);
        List<Map<String, AttributeValue>> chunks = items(Keys.chunks(large.checkpoint()));
        try (DynamoDbClient raw = DynamoDbLocal.client()) {
            for (Map<String, AttributeValue> chunk : chunks) {
                raw.deleteItem(b -> b.tableName(table).key(Keys.key(chunk.get(Keys.PK).s(), chunk.get(Keys.SK).s())));
            }

            assertThrows(StorageUnavailableException.class,
                    () -> list(engine.readStream(StreamRange.all(BUCKET, stream))));
            assertThrows(StorageUnavailableException.class, () -> list(engine.readFeed(FeedRange.after(0))));

            chunks.forEach(chunk -> raw.putItem(b -> b.tableName(table).item(chunk)));
        }
        assertEquals(List.of(large), list(engine.readStream(StreamRange.all(BUCKET, stream))));
        assertEquals(List.of(large), list(engine.readFeed(FeedRange.after(0))));
    }

    @Test
    void aCommitTooLargeForAnySplitIsRefusedBeforeAnyRequest() {
        DynamoDbEngine engine = open(counter);
        String stream = stream();
        counter.reset();

        PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class,
                () -> engine.commit(TestCommits.first(BUCKET, stream, TestCommits.body(4 * 1024 * 1024))));

        assertTrue(e.getMessage().contains(Long.toString(CommitItems.MAX_ENCODED)), e.getMessage());
        assertEquals(List.of(), counter.sent());
        assertEquals(List.of(), list(engine.readFeed(FeedRange.after(0))));
        assertEquals(List.of(), list(engine.snapshots().streamsToSnapshot(BUCKET, 0)));
    }

    @Test
    void theLargestAcceptedCommitFitsOneTransaction() {
        DynamoDbEngine engine = open();
        String stream = stream();
        byte[] body = TestCommits.body((int) CommitItems.MAX_ENCODED - 200);

        CommitRecord record = engine.commit(TestCommits.first(BUCKET, stream, body));

        assertEquals(List.of(record), list(engine.readStream(StreamRange.all(BUCKET, stream))));
    }

    @Test
    void aSnapshotTooLargeForAnItemIsRefusedAndNotStored() {
        DynamoDbEngine engine = open();
        String stream = stream();
        engine.commit(TestCommits.first(BUCKET, stream));
        SnapshotRecord snapshot = new SnapshotRecord(BUCKET, stream, 1,
                new Payload("state", Payload.JSON, TestCommits.body(DynamoDbSnapshots.MAX_SNAPSHOT + 1)));

        assertThrows(PayloadTooLargeException.class, () -> engine.snapshots().add(snapshot));

        assertEquals(java.util.Optional.empty(),
                engine.snapshots().latest(new StreamKey(BUCKET, stream), Long.MAX_VALUE));
    }

    @Test
    void throttlingIsRetriedByTheSdkAndThenReportedAsUnavailable() {
        // the SDK backs off for as long as the call timeout allows: keep it short
        uri = StoreUri.parse(uri.value() + "&timeoutMillis=3000");
        Throttler throttler = new Throttler();
        DynamoDbEngine engine = open(counter, throttler);
        CommitAttempt attempt = TestCommits.first(BUCKET, stream());
        throttler.on();
        counter.reset();

        assertThrows(StorageUnavailableException.class, () -> engine.commit(attempt));

        assertTrue(counter.sent().size() > 1, "the SDK retried: " + counter.sent());
        assertTrue(counter.sent().stream().allMatch("TransactWriteItems"::equals), counter.sent().toString());
    }

    @Test
    void aConditionalPositionWriteIsOnePutItemWhetherItStoresOrNot() {
        DynamoDbEngine engine = open(counter);
        counter.reset();

        assertTrue(engine.positions().replace(null, new Position("p", 1, "holder")));
        assertFalse(engine.positions().replace(null, new Position("p", 1, "other")));
        assertTrue(engine.positions().replace(new Position("p", 1, "holder"), new Position("p", 2, "")));
        assertFalse(engine.positions().replace(new Position("p", 1, "holder"), new Position("p", 3, "holder")));

        assertEquals(List.of("PutItem", "PutItem", "PutItem", "PutItem"), counter.sent());
        assertFalse(items(Keys.POSITIONS).get(0).containsKey(DynamoDbPositions.LEASE), "no lease, no attribute");
    }

    @Test
    void aPositionStoredWithAnEmptyLeaseAttributeIsFree() {
        DynamoDbEngine engine = open();
        String table = uri.toURI().getPath().substring(1);
        Map<String, AttributeValue> item = new java.util.HashMap<>(Keys.key(Keys.POSITIONS, "p"));
        item.put(CommitItems.CHECKPOINT, Keys.n(4));
        item.put(DynamoDbPositions.LEASE, Keys.s(""));
        try (DynamoDbClient raw = DynamoDbLocal.client()) {
            raw.putItem(b -> b.tableName(table).item(item));
        }

        assertEquals(java.util.Optional.of(new Position("p", 4)), engine.positions().get("p"));
        assertTrue(engine.positions().replace(new Position("p", 4), new Position("p", 4, "holder:1")),
                "a lease written empty by another tool is taken like one never written");
    }

    @Test
    void aThrottledConditionalPositionWriteIsReportedAsUnavailable() {
        uri = StoreUri.parse(uri.value() + "&timeoutMillis=3000");
        Throttler throttler = new Throttler();
        DynamoDbEngine engine = open(throttler);
        throttler.on();

        assertThrows(StorageUnavailableException.class,
                () -> engine.positions().replace(null, new Position("p", 1, "holder")));
        assertThrows(StorageUnavailableException.class,
                () -> engine.positions().replace(new Position("p", 1, "holder"), new Position("p", 2, "holder")));
    }

    @Test
    void commitStampsBeforeTheEpochRoundTrip() {
        DynamoDbEngine engine = open();
        String stream = stream();
        CommitAttempt attempt = new CommitAttempt(BUCKET, stream, 1, UUID.randomUUID(), 1,
                Instant.parse("1969-12-31T23:59:59.999Z"), "{}".getBytes(), List.of(TestCommits.event(new byte[0])));

        CommitRecord record = engine.commit(attempt);

        assertEquals(List.of(record), list(engine.readStream(StreamRange.all(BUCKET, stream))));
        assertFalse(record.events().isEmpty());
    }

    @Test
    void aSnapshotBelowTheLatestIsKeptWithoutLoweringTheHead() {
        DynamoDbEngine engine = open();
        String stream = stream();
        CommitRecord previous = engine.commit(TestCommits.first(BUCKET, stream));
        for (int i = 0; i < 5; i++) {
            previous = engine.commit(TestCommits.next(previous));
        }
        SnapshotRecord later = new SnapshotRecord(BUCKET, stream, 5, new Payload("state", Payload.JSON, new byte[] {5}));
        SnapshotRecord earlier = new SnapshotRecord(BUCKET, stream, 3, new Payload("state", Payload.JSON, new byte[] {3}));

        assertTrue(engine.snapshots().add(later));
        assertTrue(engine.snapshots().add(earlier));

        assertEquals(java.util.Optional.of(earlier), engine.snapshots().latest(new StreamKey(BUCKET, stream), 4));
        assertEquals(List.of(new org.jeventstore.StreamHead(BUCKET, stream, 6, 5)),
                list(engine.snapshots().streamsToSnapshot(BUCKET, 1)));
    }

    @Test
    void enginesRacingOnOneTableProduceADenseOrderedFeed() throws Exception {
        int engineCount = 3;
        int threadsPerEngine = 2;
        int commitsPerThread = 25;
        List<DynamoDbEngine> racing = new ArrayList<>();
        for (int i = 0; i < engineCount; i++) {
            racing.add(open());
        }
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(engineCount * threadsPerEngine);
        try {
            List<java.util.concurrent.Future<List<CommitRecord>>> results = new ArrayList<>();
            for (DynamoDbEngine engine : racing) {
                for (int t = 0; t < threadsPerEngine; t++) {
                    results.add(pool.submit(() -> {
                        List<CommitRecord> mine = new ArrayList<>();
                        CommitRecord previous = engine.commit(TestCommits.first(BUCKET, stream()));
                        mine.add(previous);
                        for (int i = 1; i < commitsPerThread; i++) {
                            previous = engine.commit(TestCommits.next(previous));
                            mine.add(previous);
                        }
                        return mine;
                    }));
                }
            }
            java.util.Set<UUID> committed = new java.util.HashSet<>();
            for (var result : results) {
                result.get(2, java.util.concurrent.TimeUnit.MINUTES).forEach(r -> committed.add(r.commitId()));
            }

            List<CommitRecord> feed = list(racing.get(0).readFeed(FeedRange.after(0)));
            int total = engineCount * threadsPerEngine * commitsPerThread;
            assertEquals(total, committed.size());
            assertEquals(committed, feed.stream().map(CommitRecord::commitId).collect(Collectors.toSet()));
            for (int i = 0; i < feed.size(); i++) {
                assertEquals(i + 1, feed.get(i).checkpoint(), "the feed chain has no gaps");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readsFetchOnePageAtATimeAndOnlyWhenConsumed() {
        DynamoDbEngine engine = DynamoDbEngineProvider.open(uri, new EngineOptions(2), List.of(counter));
        engines.add(engine);
        String stream = stream();
        CommitRecord previous = engine.commit(TestCommits.first(BUCKET, stream));
        for (int i = 1; i < 10; i++) {
            previous = engine.commit(TestCommits.next(previous));
        }
        counter.reset();

        try (Stream<CommitRecord> read = engine.readStream(StreamRange.all(BUCKET, stream))) {
            assertEquals(List.of(), counter.sent(), "nothing is fetched before the stream is consumed");
            assertEquals(1, read.findFirst().orElseThrow().commitSequence());
        }
        assertEquals(List.of("Query"), counter.sent());

        counter.reset();
        assertEquals(10, list(engine.readFeed(FeedRange.after(0))).size());
        // five full pages of two, then one empty page that ends the read
        assertEquals(6, counter.sent().size(), counter.sent().toString());
    }

    @Test
    void stampsAtTheEndsOfInstantsRangeRoundTrip() {
        DynamoDbEngine engine = open();
        String stream = stream();
        CommitRecord min = engine.commit(new CommitAttempt(BUCKET, stream, 1, UUID.randomUUID(), 1, Instant.MIN,
                "{}".getBytes(), List.of(TestCommits.event(new byte[] {1}))));
        CommitRecord max = engine.commit(new CommitAttempt(BUCKET, stream, 2, UUID.randomUUID(), 2, Instant.MAX,
                "{}".getBytes(), List.of(TestCommits.event(new byte[] {2}))));

        assertEquals(List.of(min, max), list(engine.readStream(StreamRange.all(BUCKET, stream))));
    }
}
