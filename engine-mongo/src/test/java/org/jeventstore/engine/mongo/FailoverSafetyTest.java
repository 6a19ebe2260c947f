package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What keeps a failover from voiding the feed's order: every write waits for a majority, and what a writer builds
 * its next checkpoint or its verdict on is read at majority, so it never rests on a write a failover can roll back.
 * Checked on the commands the driver sends, seen through its CommandListener.
 */
class FailoverSafetyTest {

    private final String uri = InProcessMongo.freshUri();

    private MongoEngine open(String query, CommandRecorder recorder) {
        return MongoEngine.open(MongoSettings.parse(StoreUri.parse(uri + query)), EngineOptions.defaults(),
                builder -> builder.addCommandListener(recorder));
    }

    private static CommitAttempt attempt(String stream, long sequence) {
        return new CommitAttempt("default", stream, sequence, UUID.randomUUID(), sequence, Instant.now(),
                "{}".getBytes(UTF_8), List.of(new EventRecord("{}".getBytes(UTF_8),
                new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes(UTF_8)))));
    }

    private static String readConcern(BsonDocument command) {
        BsonDocument concern = command.getDocument("readConcern", new BsonDocument());
        return concern.getString("level", new BsonString("(none)")).getValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"w=0", "w=1", "w=2", "w=1&journal=true", "w=dataCenters", "w=MAJORITY"})
    @DisplayName("a write concern below majority is refused, naming the option, before anything connects")
    void writeConcernBelowMajorityIsRefused(String query) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MongoSettings.parse(StoreUri.parse("mongodb://user:s3cret@127.0.0.1/db?" + query)));

        String w = query.split("&")[0];
        assertTrue(e.getMessage().contains(w) && e.getMessage().contains("w=majority"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?w=majority", "?journal=true", "?wtimeoutMS=5000", "?w=majority&journal=false"})
    @DisplayName("every commit is written with w=majority, whatever else the URI says of the write concern")
    void commitsAreWrittenWithMajority(String query) {
        CommandRecorder recorder = new CommandRecorder();
        try (MongoEngine engine = open(query, recorder)) {
            recorder.take();

            engine.commit(attempt("s", 1));

            List<BsonDocument> inserts = recorder.take("insert");
            assertEquals(1, inserts.size(), inserts.toString());
            BsonDocument concern = inserts.get(0).getDocument("writeConcern", new BsonDocument());
            assertEquals("majority", concern.get("w") == null ? null : concern.getString("w").getValue(),
                    concern.toJson());
        }
    }

    @Test
    void journalIsOnUnlessTheUriTurnsItOff() {
        CommandRecorder recorder = new CommandRecorder();
        try (MongoEngine engine = open("?wtimeoutMS=5000", recorder)) {
            recorder.take();
            engine.commit(attempt("s", 1));

            BsonDocument concern = recorder.take("insert").get(0).getDocument("writeConcern");
            assertTrue(concern.getBoolean("j").getValue(), concern.toJson());
            assertEquals(5000, concern.getNumber("wtimeout").intValue(), concern.toJson());
        }
    }

    @Test
    @DisplayName("the highest checkpoint and the highest position are read at majority when the engine opens")
    void highestCheckpointAtOpenIsReadAtMajority() {
        CommandRecorder recorder = new CommandRecorder();
        try (MongoEngine engine = open("", recorder)) {
            List<BsonDocument> finds = recorder.take("find");

            assertEquals(List.of("Commits", "Positions"),
                    finds.stream().map(find -> find.getString("find").getValue()).toList());
            for (BsonDocument find : finds) {
                assertEquals("majority", readConcern(find), find.toJson());
            }
        }
    }

    @Test
    @DisplayName("after a duplicate key, the conflict query and the highest checkpoint are read at majority")
    void queriesAfterADuplicateKeyReadAtMajority() {
        CommandRecorder recorder = new CommandRecorder();
        try (MongoEngine mine = open("", recorder); MongoEngine other = open("", new CommandRecorder())) {
            other.commit(attempt("theirs", 1));
            recorder.take();

            mine.commit(attempt("mine", 1));

            List<BsonDocument> finds = recorder.take("find");
            assertEquals(2, finds.size(), finds.toString());
            finds.forEach(find -> assertEquals("majority", readConcern(find), find.toJson()));
        }
    }

    @Test
    @DisplayName("the query that tells a concurrency conflict reads at majority")
    void conflictQueryReadsAtMajority() {
        CommandRecorder recorder = new CommandRecorder();
        try (MongoEngine engine = open("", recorder)) {
            engine.commit(attempt("s", 1));
            recorder.take();

            assertThrows(ConcurrencyException.class, () -> engine.commit(attempt("s", 1)));

            List<BsonDocument> finds = recorder.take("find");
            assertEquals(1, finds.size(), finds.toString());
            assertEquals("majority", readConcern(finds.get(0)), finds.get(0).toJson());
        }
    }
}
