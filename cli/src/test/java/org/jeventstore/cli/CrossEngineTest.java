package org.jeventstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.PersistenceEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The commands on the engines other than memory, on the servers the engines' own tests use (SQLite files,
 * mongo-java-server and DynamoDB Local in-process): a copy through all of them, and every command once on each.
 */
class CrossEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> engines() {
        return Stream.of(
                Arguments.of("jdbc", (Supplier<String>) TestStores::sqliteUri),
                Arguments.of("mongo", (Supplier<String>) InProcessMongo::freshUri),
                Arguments.of("dynamodb", (Supplier<String>) DynamoDbLocal::freshUri));
    }

    @Test
    void copyFromMemoryToSqliteToMongoToDynamoDbAndBackToMemoryKeepsEveryField() {
        List<String> hops = List.of(Cli.uniqueMemoryUri(), TestStores.sqliteUri(), InProcessMongo.freshUri(),
                DynamoDbLocal.freshUri(), Cli.uniqueMemoryUri());
        // memory stores live as long as an engine over them is open
        try (PersistenceEngine source = TestStores.open(hops.get(0));
             PersistenceEngine back = TestStores.open(hops.get(hops.size() - 1))) {
            TestStores.fill(source, 10);
            // bucket, stream, commitId, sequence, revisions, stamp, headers and bodies byte for byte, type names
            // and content types: CommitAttempt's equality, in the source's checkpoint order
            List<CommitAttempt> written = TestStores.feed(source);

            for (int i = 0; i + 1 < hops.size(); i++) {
                String from = hops.get(i);
                String to = hops.get(i + 1);
                Cli.Result copy = Cli.run("copy", from, to, "--page-size", "7");

                assertEquals(0, copy.exitCode(), from + " -> " + to + ":\n" + copy.out() + copy.err());
                assertTrue(copy.out().startsWith("copied 30 commits (0 already in the target, 0 conflicts)"),
                        copy.out());
                assertTrue(copy.out().contains("check: 20 streams compared, 0 differences"), copy.out());
                try (PersistenceEngine target = TestStores.open(to)) {
                    assertEquals(written, TestStores.feed(target), from + " -> " + to);
                }
            }
            assertEquals(written, TestStores.feed(back));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyCommandRunsOnTheEngine(String engineName, Supplier<String> freshUri) throws Exception {
        String uri = freshUri.get();
        try (PersistenceEngine engine = TestStores.open(uri)) {
            TestStores.fill(engine, 3);
            List<CommitAttempt> written = TestStores.feed(engine);
            long last = engine.lastCheckpoint();

            JsonNode info = JSON.readTree(Cli.run("info", uri, "--json").out());
            assertEquals(engineName, info.get("engine").asText());
            assertEquals(last, info.get("lastCheckpoint").asLong());

            List<String> streams = Cli.run("streams", uri, "--json").out().lines().toList();
            assertEquals(6, streams.size(), streams.toString());

            List<String> cart = Cli.run("read", uri, "cart-1", "--json").out().lines().toList();
            assertEquals(2, cart.size(), cart.toString());
            assertEquals(1, JSON.readTree(cart.get(0)).at("/events/0/body/n").asInt());
            Cli.Result order = Cli.run("read", uri, "order-0");
            assertTrue(order.out().contains("Text (text/plain; charset=utf-8) base64:"), order.out());

            List<String> tail = Cli.run("tail", uri, "--json").out().lines().toList();
            assertEquals(written.size(), tail.size());
            long seventh = JSON.readTree(tail.get(6)).get("checkpoint").asLong();
            List<String> afterSeventh = Cli.run("tail", uri, "--after", Long.toString(seventh), "--json").out()
                    .lines().toList();
            assertEquals(tail.subList(7, tail.size()), afterSeventh);

            Cli.Result verify = Cli.run("verify", uri);
            assertEquals(0, verify.exitCode(), verify.out() + verify.err());
            assertEquals("9 commits in 6 streams checked: no findings\n", verify.out());

            assertEquals(0, Cli.run("positions", "set", uri, "billing", Long.toString(seventh)).exitCode());
            List<String> positions = Cli.run("positions", uri, "--json").out().lines().toList();
            assertEquals(1, positions.size(), positions.toString());
            assertEquals(seventh, JSON.readTree(positions.get(0)).get("checkpoint").asLong());
            assertEquals(0, Cli.run("positions", "delete", uri, "billing").exitCode());
            assertEquals("", Cli.run("positions", uri, "--json").out());
        }
    }
}
