package org.jeventstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jeventstore.EventStores;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String uri = Cli.uniqueMemoryUri();
    private PersistenceEngine engine;

    @BeforeEach
    void openStore() {
        // The store lives as long as one engine over its name is open: this one.
        engine = EventStores.openEngine(uri, EngineOptions.defaults());
    }

    @AfterEach
    void dropStore() {
        engine.drop();
    }

    @Test
    void helpListsEveryCommandAndVersionPrintsTheVersion() {
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exitCode());
        for (String command : List.of("info", "streams", "read", "tail", "verify", "copy", "generate", "positions")) {
            assertTrue(help.out().contains("  " + command + " "), command + " in\n" + help.out());
            assertEquals(0, Cli.run(command, "--help").exitCode(), command);
        }
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("jeventstore \\d+\\.\\d+\\.\\d+.*\\R"), version.out());
    }

    @Test
    void infoShowsEngineAndLastCheckpoint() throws Exception {
        engine.commit(Cli.attempt("default", "a", 1, 1, "{}"));
        engine.commit(Cli.attempt("default", "b", 1, 1, "{}"));
        engine.positions().put(new Position("projection", 1));
        Cli.Result result = Cli.run("info", uri, "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode info = JSON.readTree(result.out());
        assertEquals("memory", info.get("engine").asText());
        assertEquals(2, info.get("lastCheckpoint").asLong());
        assertEquals(1, info.get("positions").asLong());
        assertTrue(Cli.run("info", uri).out().contains("last checkpoint  2"));
    }

    @Test
    void infoAsksTheEngineForTheLastCheckpointInsteadOfReadingTheFeed() throws Exception {
        String name = "info-" + UUID.randomUUID();
        String fixture = FixtureEngineProvider.store(name, List.of(
                new CommitRecord(Cli.attempt("default", "a", 1, 1, "{}"), 3),
                new CommitRecord(Cli.attempt("default", "b", 1, 1, "{}"), 70)));

        Cli.Result result = Cli.run("info", fixture, "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(70, JSON.readTree(result.out()).get("lastCheckpoint").asLong());
        assertEquals(0, FixtureEngineProvider.feedReads(name), "feed reads");
    }

    @Test
    void infoShowsTheLastCommitLeftAfterTheLastStreamIsDeleted() throws Exception {
        engine.commit(Cli.attempt("default", "kept", 1, 1, "{}"));
        engine.commit(Cli.attempt("default", "deleted", 1, 1, "{}"));
        engine.commit(Cli.attempt("default", "deleted", 2, 2, "{}"));
        engine.deleteStream(new StreamKey("default", "deleted"));

        Cli.Result result = Cli.run("info", uri, "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(1, JSON.readTree(result.out()).get("lastCheckpoint").asLong());
    }

    /**
     * A store shared with another program can hold ids that no JEventStore commit may have (the C# NEventStore takes
     * any string): their control and format characters must not reach the terminal raw, where an escape sequence
     * would rewrite the screen or a right-to-left override reverse what follows. JSON output keeps them exactly.
     */
    @Test
    void controlAndFormatCharactersOfStoredIdsAreShownEscaped() throws Exception {
        String stream = "cart\u001b[2J\r\u202Eevil\u0007";
        String fixture = FixtureEngineProvider.store("escape-" + UUID.randomUUID(), List.of(
                new CommitRecord(new CommitAttempt("default", stream, 1, UUID.randomUUID(), 1, Instant.EPOCH,
                        Cli.utf8("{}"), List.of(new EventRecord(Cli.utf8("{}"),
                        new Payload("Item\nAdded", Payload.JSON, Cli.utf8("{}"))))), 1),
                new CommitRecord(Cli.attempt("tenant\u0085", "b", 1, 1, "{}"), 2)));
        String shown = "cart\\u001b[2J\\u000d\\u202eevil\\u0007";

        for (List<String> command : List.of(List.of("tail", fixture), List.of("streams", fixture, "--bucket", "default"))) {
            Cli.Result result = Cli.run(command.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.err());
            String out = result.out();
            assertTrue(out.chars().allMatch(c -> c == '\n' || c >= 0x20 && c != 0x7f && c != 0x85 && c != 0x202e),
                    command + " printed a control character: " + out.replaceAll("\\p{Cntrl}", "?"));
            assertTrue(out.contains(shown), command + ": " + out);
        }
        String tail = Cli.run("tail", fixture).out();
        assertTrue(tail.contains("Item\\u000aAdded"), tail);
        assertTrue(tail.contains("tenant\\u0085/b"), tail);
        JsonNode json = JSON.readTree(Cli.run("tail", fixture, "--json").out().lines().findFirst().orElseThrow());
        assertEquals(stream, json.get("stream").asText(), "JSON keeps the id exact");
    }

    @Test
    void streamsListsEveryBucketFromTheFeedOrOneBucket() throws Exception {
        engine.commit(Cli.attempt("default", "a", 1, 1, "{}"));
        engine.commit(Cli.attempt("default", "a", 2, 3, "{}"));
        engine.commit(Cli.attempt("tenant-2", "b", 1, 1, "{}"));
        List<String> all = Cli.run("streams", uri, "--json").out().lines().toList();
        assertEquals(2, all.size(), all.toString());
        JsonNode a = JSON.readTree(all.get(0));
        assertEquals("a", a.get("stream").asText());
        assertEquals(3, a.get("headRevision").asLong());
        List<String> one = Cli.run("streams", uri, "--bucket", "tenant-2").out().lines().toList();
        assertEquals(2, one.size(), one.toString());
        assertTrue(one.get(1).matches("tenant-2\\s+b\\s+1\\s+0"), one.get(1));
    }

    @Test
    void readShowsJsonAsJsonAndOtherBodiesAsBase64WithinTheRevisionRange() throws Exception {
        byte[] binary = {0, 1, 2, (byte) 0xff};
        engine.commit(Cli.attempt("default", "cart", 1, 1, "{\"sku\":\"x\"}"));
        engine.commit(new CommitAttempt("default", "cart", 2, UUID.randomUUID(), 2, Instant.now(), Cli.utf8("{}"),
                List.of(new EventRecord(Cli.utf8("{}"), new Payload("Blob", "application/octet-stream", binary)))));
        engine.commit(Cli.attempt("default", "cart", 3, 3, "{}"));

        List<String> lines = Cli.run("read", uri, "cart", "--from", "1", "--to", "2", "--json").out().lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("x", first.at("/events/0/body/sku").asText());
        assertEquals("ops", first.at("/headers/user").asText());
        assertEquals(1, first.at("/events/0/headers/a.b").asInt());
        assertEquals("2026-01-02T03:04:05.678Z", first.get("commitStamp").asText());
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals("application/octet-stream", second.at("/events/0/contentType").asText());
        assertEquals(Base64.getEncoder().encodeToString(binary), second.at("/events/0/bodyBase64").asText());

        Cli.Result table = Cli.run("read", uri, "cart");
        assertEquals(0, table.exitCode());
        assertTrue(table.out().contains("1 ItemAdded (application/json) headers {\"a.b\":1} {\"sku\":\"x\"}"), table.out());
        assertTrue(table.out().contains("base64:AAEC/w=="), table.out());
    }

    @Test
    void tailPrintsTheFeedAfterACheckpoint() {
        for (int i = 1; i <= 5; i++) {
            engine.commit(Cli.attempt("default", "s" + i, 1, 1, "{\"n\":" + i + "}"));
        }
        Cli.Result result = Cli.run("tail", uri, "--after", "3", "--json");
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"checkpoint\":4,"), lines.get(0));
    }

    @Test
    void tailFollowPrintsNewCommitsUntilInterrupted() throws Exception {
        engine.commit(Cli.attempt("default", "first", 1, 1, "{}"));
        StringWriter out = new StringWriter();
        AtomicReference<Cli.Result> result = new AtomicReference<>();
        Thread tail = new Thread(() -> result.set(Cli.run(out, "tail", uri, "--follow", "--poll-millis", "20")));
        tail.start();
        Cli.await(() -> out.toString().contains("default/first"), "the first commit");
        engine.commit(Cli.attempt("default", "second", 1, 1, "{}"));
        Cli.await(() -> out.toString().contains("default/second"), "the commit made while following");
        tail.interrupt();
        tail.join(5000);
        assertFalse(tail.isAlive());
        assertEquals(0, result.get().exitCode(), result.get().err());
    }

    @Test
    void positionsAreListedSetDeletedAndParkedCommitsShown() throws Exception {
        engine.commit(Cli.attempt("default", "a", 1, 1, "{}"));
        engine.commit(Cli.attempt("default", "poison", 1, 1, "{}"));
        engine.positions().put(new Position("billing/parked/" + String.format("%019d", 2), 2));

        Cli.Result set = Cli.run("positions", "set", uri, "billing", "2");
        assertEquals(0, set.exitCode(), set.err());
        assertEquals(2, engine.positions().get("billing").orElseThrow().checkpoint());

        List<String> listed = Cli.run("positions", uri, "--json").out().lines().toList();
        assertEquals(2, listed.size(), listed.toString());
        assertEquals("billing", JSON.readTree(listed.get(0)).get("name").asText());

        Cli.Result parked = Cli.run("positions", "parked", uri, "billing");
        assertEquals(0, parked.exitCode(), parked.err());
        assertTrue(parked.out().contains("default/poison seq 1"), parked.out());

        Cli.Result deleted = Cli.run("positions", "delete", uri, "billing");
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertTrue(engine.positions().get("billing").isEmpty());
        assertEquals(2, Cli.run("positions", "delete", uri, "billing").exitCode());
    }

    @Test
    void positionsSetRefusesALeasedPositionUnlessForced() {
        engine.positions().put(new Position("billing", 5, "host-1"));
        Cli.Result refused = Cli.run("positions", "set", uri, "billing", "9");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("leased by 'host-1'"), refused.err());
        assertEquals(5, engine.positions().get("billing").orElseThrow().checkpoint());
        assertEquals(0, Cli.run("positions", "set", uri, "billing", "9", "--force").exitCode());
        assertEquals(new Position("billing", 9), engine.positions().get("billing").orElseThrow());
    }

    @Test
    void aNegativeCheckpointIsBadInput() {
        Cli.Result result = Cli.run("positions", "set", uri, "billing", "--", "-1");
        assertEquals(2, result.exitCode());
        assertEquals("jeventstore: CHECKPOINT must be a checkpoint, 0 or more: -1\n", result.err());
        assertTrue(engine.positions().get("billing").isEmpty());
        assertEquals(2, Cli.run("tail", uri, "--after=-5").exitCode());
    }

    @Test
    void aMalformedOrUnknownUriIsOneLineOfBadInputWithSecretsMasked() {
        Cli.Result malformed = Cli.run("info", "no-scheme");
        assertEquals(2, malformed.exitCode());
        assertEquals(1, malformed.err().lines().count(), malformed.err());

        Cli.Result unknown = Cli.run("info", "bogus://admin:hunter2@host/db?token=abc");
        assertEquals(2, unknown.exitCode());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("jeventstore: No engine for bogus://admin:****@host/db"), unknown.err());
        assertFalse(unknown.err().contains("hunter2") || unknown.err().contains("abc"), unknown.err());

        Cli.Result verbose = Cli.run("info", "bogus://admin:hunter2@host/db", "--verbose");
        assertTrue(verbose.err().lines().count() > 1, verbose.err());
        assertTrue(verbose.err().contains("at org.jeventstore.EventStores"), verbose.err());
        assertFalse(verbose.err().contains("hunter2"), verbose.err());
    }

    @Test
    void aMissingStreamFails() {
        Cli.Result result = Cli.run("read", uri, "nowhere");
        assertEquals(1, result.exitCode());
        assertEquals("jeventstore: No commits in stream default/nowhere\n", result.err());
    }

    @Test
    void generateWritesCommitsThatVerifyAccepts() {
        Cli.Result generated = Cli.run("generate", uri, "--commits", "30", "--streams", "4");
        assertEquals(0, generated.exitCode(), generated.err());
        Cli.Result verified = Cli.run("verify", uri);
        assertEquals(0, verified.exitCode(), verified.out());
        assertEquals("30 commits in 4 streams checked: no findings\n", verified.out());
    }
}
