package org.jeventstore.engine.azure.tables;

import static com.azure.data.tables.models.TableTransactionActionType.CREATE;
import static com.azure.data.tables.models.TableTransactionActionType.UPSERT_MERGE;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.Azurite;

/**
 * Not a test: commits per second through the engine against a raw SDK loop writing the same shape (one
 * entity-group transaction per commit: the commit row with its blob and the stream head), in the same run
 * against the same build-started Azurite, single-threaded. Prints the median of five timed rounds after a
 * warm-up, and the HTTP requests per commit of each. Run it with
 * {@code mvn -B -ntp -q -pl engine-azure-tables -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test} and then
 * {@code java -cp engine-azure-tables/target/test-classes:engine-azure-tables/target/classes:$(cat
 * engine-azure-tables/target/bench.cp) org.jeventstore.engine.azure.tables.AzureTablesBenchmark [commits]}.
 */
public final class AzureTablesBenchmark {

    private static final int STREAMS = 50;
    private static final int ROUNDS = 5;

    private AzureTablesBenchmark() {
    }

    public static void main(String[] args) {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Azurite.start();
        RequestCounter engineRequests = new RequestCounter();
        RequestCounter rawRequests = new RequestCounter();
        StoreUri engineUri = StoreUri.parse(Azurite.newTableUri());
        StoreUri rawUri = StoreUri.parse(Azurite.newTableUri());
        try (PersistenceEngine engine = AzureTablesEngineProvider.open(engineUri, EngineOptions.defaults(),
                List.of(engineRequests), FailurePoint.NONE)) {
            TableClient raw = AzureTablesEngineProvider.client(rawUri, TablesUri.parse(rawUri), List.of(rawRequests));
            raw.createTable();
            EngineLoop engineLoop = new EngineLoop(engine);
            RawLoop rawLoop = new RawLoop(raw);
            engineLoop.run(commits);
            rawLoop.run(commits);
            double[] engineRates = new double[ROUNDS];
            double[] rawRates = new double[ROUNDS];
            engineRequests.reset();
            rawRequests.reset();
            for (int round = 0; round < ROUNDS; round++) {
                engineRates[round] = engineLoop.run(commits);
                rawRates[round] = rawLoop.run(commits);
            }
            double engineRate = median(engineRates);
            double rawRate = median(rawRates);
            System.out.printf("azure-tables engine: %.0f commits/s, %.2f requests/commit%n", engineRate,
                    engineRequests.count() / (double) (commits * ROUNDS));
            System.out.printf("raw SDK loop:        %.0f commits/s, %.2f requests/commit%n", rawRate,
                    rawRequests.count() / (double) (commits * ROUNDS));
            System.out.printf("engine/raw:          %.2f%n", engineRate / rawRate);
        } finally {
            Azurite.stop();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static EventRecord event(int i) {
        return new EventRecord("{}".getBytes(), new Payload("bench.item-added", Payload.JSON,
                ("{\"sku\":\"sku-" + i + "\",\"quantity\":1}").getBytes()));
    }

    /** Single-event commits round-robin over {@value #STREAMS} streams, through the engine. */
    private static final class EngineLoop {
        private final PersistenceEngine engine;
        private final long[] sequences = new long[STREAMS];

        EngineLoop(PersistenceEngine engine) {
            this.engine = engine;
        }

        double run(int commits) {
            long start = System.nanoTime();
            for (int i = 0; i < commits; i++) {
                int stream = i % STREAMS;
                long sequence = ++sequences[stream];
                engine.commit(new CommitAttempt("bench", "stream-" + stream, sequence, UUID.randomUUID(), sequence,
                        Instant.now(), "{}".getBytes(), List.of(event(i))));
            }
            return commits / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The same commits written by hand: one entity-group transaction each, commit row plus head. */
    private static final class RawLoop {
        private final TableClient table;
        private final long[] sequences = new long[STREAMS];

        RawLoop(TableClient table) {
            this.table = table;
        }

        double run(int commits) {
            long start = System.nanoTime();
            for (int i = 0; i < commits; i++) {
                int stream = i % STREAMS;
                long sequence = ++sequences[stream];
                CommitAttempt attempt = new CommitAttempt("bench", "stream-" + stream, sequence, UUID.randomUUID(),
                        sequence, Instant.now(), "{}".getBytes(), List.of(event(i)));
                String part = Keys.stream("bench", "stream-" + stream);
                TableEntity commit = new TableEntity(part, Keys.commit(sequence));
                Blobs.put(commit.getProperties(), Blobs.commit(attempt));
                List<TableTransactionAction> actions = new ArrayList<>(2);
                actions.add(new TableTransactionAction(CREATE, commit));
                actions.add(new TableTransactionAction(UPSERT_MERGE, new TableEntity(part, Keys.HEAD)
                        .addProperty("HeadRevision", sequence)));
                table.submitTransaction(actions);
            }
            return commits / ((System.nanoTime() - start) / 1e9);
        }
    }
}
