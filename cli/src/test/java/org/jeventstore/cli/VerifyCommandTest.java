package org.jeventstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jeventstore.EventStores;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.junit.jupiter.api.Test;

class VerifyCommandTest {

    @Test
    void aSoundStorePasses() {
        String uri = Cli.uniqueMemoryUri();
        try (PersistenceEngine engine = EventStores.openEngine(uri, EngineOptions.defaults())) {
            engine.commit(Cli.attempt("default", "a", 1, 1, "{}"));
            engine.commit(Cli.attempt("default", "a", 2, 2, "{}"));
            engine.commit(Cli.attempt("other", "a", 1, 1, "{}"));
            Cli.Result result = Cli.run("verify", uri);
            assertEquals(0, result.exitCode(), result.out());
            assertEquals("3 commits in 2 streams checked: no findings\n", result.out());
        }
    }

    @Test
    void aHoleInAStreamsSequencesIsFound() {
        String uri = Cli.uniqueMemoryUri();
        try (PersistenceEngine engine = EventStores.openEngine(uri, EngineOptions.defaults())) {
            // The memory engine accepts a commit that skips sequences (the contract lets it): a store with a hole.
            engine.commit(Cli.attempt("default", "holey", 1, 1, "{}"));
            engine.commit(Cli.attempt("default", "holey", 3, 2, "{}"));
            Cli.Result result = Cli.run("verify", uri);
            assertEquals(1, result.exitCode(), result.out());
            assertTrue(result.out().contains("sequence             default/holey @2: commit sequence 3 follows 1"),
                    result.out());
            assertTrue(result.out().endsWith("1 finding\n"), result.out());
        }
    }

    @Test
    void aHoleInAStreamsRevisionsIsFound() {
        String uri = Cli.uniqueMemoryUri();
        try (PersistenceEngine engine = EventStores.openEngine(uri, EngineOptions.defaults())) {
            engine.commit(Cli.attempt("default", "gappy", 1, 1, "{}"));
            engine.commit(Cli.attempt("default", "gappy", 2, 5, "{}"));
            Cli.Result result = Cli.run("verify", uri, "--json");
            assertEquals(1, result.exitCode(), result.out());
            assertTrue(result.out().contains("{\"finding\":\"revision\",\"bucket\":\"default\",\"stream\":\"gappy\""),
                    result.out());
        }
    }

    @Test
    void aCommitIdTwiceInAStreamAndCheckpointsOutOfOrderAreFound() {
        CommitAttempt first = Cli.attempt("default", "dup", 1, 1, "{}");
        CommitAttempt again = new CommitAttempt("default", "dup", 2, first.commitId(), 2, first.commitStamp(),
                first.headers(), first.events());
        String uri = FixtureEngineProvider.store("duplicate-" + UUID.randomUUID(), List.of(
                new CommitRecord(first, 5), new CommitRecord(again, 4)));
        Cli.Result result = Cli.run("verify", uri);
        assertEquals(1, result.exitCode(), result.out());
        assertTrue(result.out().contains("checkpoint-order     default/dup @4: checkpoint 4 follows 5"), result.out());
        assertTrue(result.out().contains("duplicate-commit-id  default/dup @4: commitId " + first.commitId()
                + " is in the stream twice"), result.out());
        assertTrue(result.out().endsWith("2 commits in 1 streams checked: 2 findings\n"), result.out());
    }

    @Test
    void aCommitThatCannotBeDecodedIsFound() {
        String uri = Cli.uniqueMemoryUri();
        try (PersistenceEngine engine = EventStores.openEngine(uri, EngineOptions.defaults())) {
            engine.commit(new CommitAttempt("default", "broken", 1, UUID.randomUUID(), 1, Instant.now(),
                    Cli.utf8("{}"), List.of(new EventRecord(Cli.utf8("{}"),
                    new Payload("ItemAdded", Payload.JSON, Cli.utf8("{not json"))))));
            Cli.Result result = Cli.run("verify", uri);
            assertEquals(1, result.exitCode(), result.out());
            assertTrue(result.out().contains("undecodable          default/broken @1: body of event 1 is "
                    + "application/json but not JSON"), result.out());
        }
    }
}
