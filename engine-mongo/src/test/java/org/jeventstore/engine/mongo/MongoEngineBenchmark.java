package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.InProcessMongo;

/**
 * A benchmark, not a test (surefire runs only {@code *Test} classes): single-event commits per second and feed
 * reads per second through the engine, against a raw-driver loop that inserts and reads the same documents, with
 * the same indexes and write concern, on the same in-process server in the same run. The ratio is the figure;
 * absolute numbers depend on the machine. Each figure is the median of five timed runs after a warm-up.
 *
 * <p>Run: {@code mvn -B -ntp -q -pl engine-mongo -am test-compile} then
 * {@code java -cp "engine-mongo/target/test-classes:engine-mongo/target/classes:$(cat cp.txt)"
 * org.jeventstore.engine.mongo.MongoEngineBenchmark [commits]} with the test class path from
 * {@code mvn -pl engine-mongo dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}.
 */
public final class MongoEngineBenchmark {

    private static final int STREAMS = 100;
    private static final int RUNS = 5;
    private static final byte[] HEADERS = "{\"user\":\"bench\"}".getBytes(UTF_8);
    private static final byte[] NO_HEADERS = "{}".getBytes(UTF_8);

    private MongoEngineBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 3_000);
        } finally {
            InProcessMongo.stop();
        }
    }

    private static void run(int commits) {
        String base = InProcessMongo.baseUri();
        List<Double> engineWrites = new ArrayList<>();
        List<Double> rawWrites = new ArrayList<>();
        List<Double> engineReads = new ArrayList<>();
        List<Double> rawReads = new ArrayList<>();
        runEngine(base, commits / 2);
        runRaw(base, commits / 2);
        for (int run = 0; run < RUNS; run++) {
            double[] engine = runEngine(base, commits);
            double[] raw = runRaw(base, commits);
            engineWrites.add(engine[0]);
            engineReads.add(engine[1]);
            rawWrites.add(raw[0]);
            rawReads.add(raw[1]);
        }
        report("commits/s", median(engineWrites), median(rawWrites));
        report("feed commits read/s", median(engineReads), median(rawReads));
    }

    private static void report(String what, double engine, double raw) {
        System.out.printf(Locale.ROOT, "%-20s engine %10.0f   raw driver %10.0f   ratio %.2f%n", what, engine, raw,
                engine / raw);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static EventRecord event(long revision) {
        return new EventRecord(NO_HEADERS, new Payload("bench.item-added", Payload.JSON,
                ("{\"sku\":\"sku-" + revision + "\",\"quantity\":" + revision + "}").getBytes(UTF_8)));
    }

    /** Commits through the engine, then reads the whole feed: {commits/s, commits read/s}. */
    private static double[] runEngine(String base, int commits) {
        String uri = base + "/" + InProcessMongo.freshDatabase();
        try (MongoEngine engine = MongoEngine.open(MongoSettings.parse(StoreUri.parse(uri)),
                EngineOptions.defaults(), builder -> { })) {
            long[] revisions = new long[STREAMS];
            long start = System.nanoTime();
            for (int i = 0; i < commits; i++) {
                int stream = i % STREAMS;
                long revision = ++revisions[stream];
                engine.commit(new CommitAttempt("default", "stream-" + stream, revision, UUID.randomUUID(), revision,
                        Instant.now(), HEADERS, List.of(event(revision))));
            }
            double writes = commits / seconds(start);
            start = System.nanoTime();
            long read;
            try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(0))) {
                read = feed.count();
            }
            check(read, commits);
            return new double[] {writes, read / seconds(start)};
        }
    }

    /** The same documents through the bare driver, same indexes and write concern, no checks. */
    private static double[] runRaw(String base, int commits) {
        String database = InProcessMongo.freshDatabase();
        try (MongoClient client = MongoClients.create(base)) {
            MongoCollection<BsonDocument> collection = client.getDatabase(database)
                    .getCollection("Commits", BsonDocument.class)
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            Schema.ensureIndexes(collection, client.getDatabase(database).getCollection("Snapshots", BsonDocument.class));
            long[] revisions = new long[STREAMS];
            long start = System.nanoTime();
            for (int i = 0; i < commits; i++) {
                int stream = i % STREAMS;
                int revision = (int) ++revisions[stream];
                BsonDocument body = new BsonDocument("_t", new BsonString("bench.item-added"))
                        .append("sku", new BsonString("sku-" + revision)).append("quantity", new BsonInt32(revision));
                collection.insertOne(new BsonDocument("_id", new BsonInt64(i + 1))
                        .append("CommitId", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD))
                        .append("CommitStamp", new BsonDateTime(System.currentTimeMillis()))
                        .append("Headers", new BsonDocument("user", new BsonString("bench")))
                        .append("Events", new BsonArray(List.of(new BsonDocument("StreamRevision", new BsonInt32(revision))
                                .append("Payload", new BsonDocument("Headers", new BsonDocument()).append("Body", body)))))
                        .append("StreamRevisionFrom", new BsonInt32(revision))
                        .append("StreamRevisionTo", new BsonInt32(revision))
                        .append("BucketId", new BsonString("default"))
                        .append("StreamId", new BsonString("stream-" + stream))
                        .append("CommitSequence", new BsonInt32(revision)));
            }
            double writes = commits / seconds(start);
            start = System.nanoTime();
            long read = 0;
            for (BsonDocument ignored : collection.find().sort(Sorts.ascending("_id")).batchSize(
                    EngineOptions.DEFAULT_PAGE_SIZE)) {
                read++;
            }
            check(read, commits);
            return new double[] {writes, read / seconds(start)};
        }
    }

    private static void check(long read, int commits) {
        if (read != commits) {
            throw new IllegalStateException("read " + read + " of " + commits + " commits: " + Arrays.toString(
                    new long[] {read, commits}));
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
