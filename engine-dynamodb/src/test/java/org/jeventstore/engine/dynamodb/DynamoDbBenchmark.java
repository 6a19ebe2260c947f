package org.jeventstore.engine.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.DynamoDbLocal;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A harness, not a test (surefire runs only classes named *Test): single-threaded single-event commits per
 * second against in-process DynamoDB Local, through the engine and through raw SDK loops in the same run —
 * one writing the engine's TransactWriteItems shape (guard, head, commit, feed item, c - 1 check) and one
 * plain PutItem of the commit item. Each figure is the median of several timed runs after a warm-up.
 *
 * <p>Run: {@code DynamoDbBenchmark [seconds-per-run]}; see docs/engines/dynamodb.md for the command line.
 */
public final class DynamoDbBenchmark {

    private static final int RUNS = 5;
    private static final int STREAMS = 16;
    private static final byte[] BODY = ("{\"account\":\"acc-42\",\"amount\":1250,\"currency\":\"EUR\","
            + "\"note\":\"benchmark deposit of a typical small event\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_HEADERS = "{}".getBytes(StandardCharsets.UTF_8);

    private DynamoDbBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        System.out.printf("DynamoDB engine benchmark on in-process DynamoDB Local %s (%d cores, Java %s)%n",
                DynamoDbLocal.endpoint(), Runtime.getRuntime().availableProcessors(), Runtime.version());
        RequestCounter counter = new RequestCounter();
        try (DynamoDbEngine engine = DynamoDbEngineProvider.open(StoreUri.parse(DynamoDbLocal.freshUri()),
                EngineOptions.defaults(), List.of(counter));
             DynamoDbClient raw = DynamoDbLocal.client()) {
            EngineLoop engineLoop = new EngineLoop(engine);
            TransactLoop transactLoop = new TransactLoop(raw, createTable(raw));
            PutLoop putLoop = new PutLoop(raw, createTable(raw));
            measure(engineLoop, seconds);
            measure(transactLoop, seconds);
            measure(putLoop, seconds);

            // the loops take turns, run after run, so that drift of the machine or server hits all of them alike
            double[] engineRates = new double[RUNS];
            double[] transactRates = new double[RUNS];
            double[] putRates = new double[RUNS];
            counter.reset();
            int before = engineLoop.done;
            for (int run = 0; run < RUNS; run++) {
                engineRates[run] = measure(engineLoop, seconds);
                transactRates[run] = measure(transactLoop, seconds);
                putRates[run] = measure(putLoop, seconds);
            }
            double perCommit = (double) counter.sent().size() / (engineLoop.done - before);
            double engineRate = report("engine commit (1 TransactWriteItems)", engineRates);
            double transactRate = report("raw SDK TransactWriteItems, same shape", transactRates);
            double putRate = report("raw SDK PutItem of the commit item", putRates);
            System.out.printf("round trips per engine commit: %.3f%n", perCommit);
            System.out.printf("engine / raw TransactWriteItems: %.2f; engine / raw PutItem: %.2f%n",
                    engineRate / transactRate, engineRate / putRate);
        }
        // DynamoDB Local keeps non-daemon threads; the figures are printed, so end the JVM
        System.exit(0);
    }

    private static double report(String name, double[] rates) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted[RUNS / 2];
        System.out.printf("%-40s median %,8.0f commits/s  (runs: %s)%n", name, median,
                Arrays.stream(rates).mapToObj(r -> String.format("%,.0f", r)).toList());
        return median;
    }

    /** Calls {@code loop} with 0, 1, 2, ... for {@code seconds}; returns calls per second. */
    private static double measure(IntConsumer loop, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() < end) {
            loop.accept(calls++);
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    private static String createTable(DynamoDbClient raw) {
        String table = "bench-" + UUID.randomUUID();
        raw.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName(Keys.PK).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(Keys.SK).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(Keys.PK).keyType(KeyType.HASH),
                        k -> k.attributeName(Keys.SK).keyType(KeyType.RANGE)));
        return table;
    }

    /** Single-event commits through the engine, round-robin over streams. */
    private static final class EngineLoop implements IntConsumer {

        private final DynamoDbEngine engine;
        private final String run = UUID.randomUUID().toString();
        private final Map<Integer, CommitRecord> heads = new HashMap<>();
        int done;

        EngineLoop(DynamoDbEngine engine) {
            this.engine = engine;
        }

        @Override
        public void accept(int call) {
            int stream = call % STREAMS;
            CommitRecord head = heads.get(stream);
            long sequence = head == null ? 1 : head.commitSequence() + 1;
            CommitAttempt attempt = new CommitAttempt("default", "account-" + run + "-" + stream, sequence,
                    UUID.randomUUID(), sequence, Instant.now(), NO_HEADERS,
                    List.of(new EventRecord(NO_HEADERS, new Payload("bench.deposited", Payload.JSON, BODY))));
            heads.put(stream, engine.commit(attempt));
            done++;
        }
    }

    /** The engine's transaction, written by hand: what the engine costs beyond the SDK. */
    private static final class TransactLoop implements IntConsumer {

        private final DynamoDbClient raw;
        private final String table;
        private final long[] sequences = new long[STREAMS];
        private long checkpoint;

        TransactLoop(DynamoDbClient raw, String table) {
            this.raw = raw;
            this.table = table;
        }

        @Override
        public void accept(int call) {
            int stream = call % STREAMS;
            long sequence = ++sequences[stream];
            long c = ++checkpoint;
            String pk = "S|7|default|account-" + stream;
            Map<String, AttributeValue> commit = commitItem(sequence, c);
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(put(Map.of(Keys.PK, Keys.s(pk), Keys.SK, Keys.s("I" + UUID.randomUUID()),
                    "cp", Keys.n(c))));
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Keys.key("H|default", "account-" + stream))
                    .updateExpression("SET #seq = :seq, #rev = :seq")
                    .conditionExpression("attribute_not_exists(#pk) OR (#seq < :seq AND #rev < :seq)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#seq", "seq", "#rev", "rev"))
                    .expressionAttributeValues(Map.of(":seq", Keys.n(sequence))).build()).build());
            Map<String, AttributeValue> inStream = new HashMap<>(commit);
            inStream.putAll(Keys.key(pk, Keys.commit(sequence)));
            items.add(put(inStream));
            Map<String, AttributeValue> inFeed = new HashMap<>(commit);
            inFeed.putAll(Keys.key(Keys.FEED, Keys.pad(c)));
            items.add(put(inFeed));
            if (c > 1) {
                items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                        .key(Keys.key(Keys.FEED, Keys.pad(c - 1))).conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK)).build()).build());
            }
            raw.transactWriteItems(b -> b.transactItems(items));
        }

        private TransactWriteItem put(Map<String, AttributeValue> item) {
            return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK)).build()).build();
        }
    }

    /** One unconditional PutItem per commit: the floor of any DynamoDB write. */
    private static final class PutLoop implements IntConsumer {

        private final DynamoDbClient raw;
        private final String table;
        private final long[] sequences = new long[STREAMS];

        PutLoop(DynamoDbClient raw, String table) {
            this.raw = raw;
            this.table = table;
        }

        @Override
        public void accept(int call) {
            int stream = call % STREAMS;
            long sequence = ++sequences[stream];
            Map<String, AttributeValue> item = commitItem(sequence, call + 1L);
            item.putAll(Keys.key("S|7|default|account-" + stream, Keys.commit(sequence)));
            raw.putItem(b -> b.tableName(table).item(item));
        }
    }

    /** The attributes of a single-event commit item, encoded as the engine encodes them. */
    private static Map<String, AttributeValue> commitItem(long sequence, long checkpoint) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("b", Keys.s("default"));
        item.put("s", Keys.s("account"));
        item.put("seq", Keys.n(sequence));
        item.put("rev", Keys.n(sequence));
        item.put("cid", Keys.s(UUID.randomUUID().toString()));
        item.put("ts", Keys.s(Instant.now().toString()));
        item.put("cp", Keys.n(checkpoint));
        item.put("d", AttributeValue.fromB(SdkBytes.fromByteArray(EventsBlob.encode(NO_HEADERS,
                List.of(new EventRecord(NO_HEADERS, new Payload("bench.deposited", Payload.JSON, BODY)))))));
        return item;
    }
}
