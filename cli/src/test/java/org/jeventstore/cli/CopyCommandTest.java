package org.jeventstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.Test;

class CopyCommandTest {

    @Test
    void memoryToSqliteToMemoryKeepsEveryFieldSnapshotsAndPositions() throws Exception {
        String memory = Cli.uniqueMemoryUri();
        String sqlite = TestStores.sqliteUri();
        String back = Cli.uniqueMemoryUri();
        try (PersistenceEngine source = TestStores.open(memory); PersistenceEngine copy = TestStores.open(back)) {
            TestStores.fill(source, 20);
            SnapshotRecord snapshot = new SnapshotRecord("default", "cart-3", 2,
                    new Payload("CartState", Payload.JSON, Cli.utf8("{\"items\":2}")));
            source.snapshots().add(snapshot);
            source.positions().put(new Position("projection", 17, "host-1"));

            Cli.Result there = Cli.run("copy", memory, sqlite, "--snapshots", "--positions", "--page-size", "7");
            assertEquals(0, there.exitCode(), there.out() + there.err());
            assertTrue(there.out().contains("copied 60 commits (0 already in the target, 0 conflicts), 1 snapshots, "
                    + "1 positions"), there.out());
            assertTrue(there.out().contains("check: 40 streams compared, 0 differences; the target holds 0 other "
                    + "streams"), there.out());
            Cli.Result andBack = Cli.run("copy", sqlite, back, "--snapshots", "--positions");
            assertEquals(0, andBack.exitCode(), andBack.out() + andBack.err());

            assertEquals(TestStores.feed(source), TestStores.feed(copy));
            assertEquals(Optional.of(snapshot), copy.snapshots().latest(new StreamKey("default", "cart-3"), 99));
            assertEquals(Optional.of(new Position("projection", 17)), copy.positions().get("projection"));
        }
    }

    @Test
    void aCopyRunAgainResumesAndACopyWithoutItsPositionRecognisesEveryCommit() throws Exception {
        String memory = Cli.uniqueMemoryUri();
        String target = Cli.uniqueMemoryUri();
        try (PersistenceEngine source = TestStores.open(memory); PersistenceEngine copy = TestStores.open(target)) {
            TestStores.fill(source, 5);
            assertEquals(0, Cli.run("copy", memory, target).exitCode());
            Cli.Result again = Cli.run("copy", memory, target);
            assertEquals(0, again.exitCode(), again.out());
            assertTrue(again.err().startsWith("resuming after source checkpoint 15 (jeventstore-copy/"), again.err());
            assertTrue(again.out().startsWith("copied 0 commits (0 already in the target"), again.out());

            try (Stream<Position> positions = copy.positions().list(CopyCommand.POSITION_PREFIX)) {
                positions.forEach(p -> copy.positions().delete(p.name()));
            }
            Cli.Result fromScratch = Cli.run("copy", memory, target);
            assertEquals(0, fromScratch.exitCode(), fromScratch.out());
            assertTrue(fromScratch.out().startsWith("copied 0 commits (15 already in the target"), fromScratch.out());
            assertEquals(TestStores.feed(source), TestStores.feed(copy));
        }
    }

    @Test
    void aTargetHoldingOtherStreamsIsAllowedAndReported() {
        String memory = Cli.uniqueMemoryUri();
        String target = Cli.uniqueMemoryUri();
        try (PersistenceEngine source = TestStores.open(memory); PersistenceEngine copy = TestStores.open(target)) {
            TestStores.fill(source, 2);
            copy.commit(Cli.attempt("default", "already-here", 1, 1, "{}"));
            Cli.Result result = Cli.run("copy", memory, target);
            assertEquals(0, result.exitCode(), result.out());
            assertTrue(result.out().contains("the target holds 1 other streams"), result.out());
        }
    }

    @Test
    void aTargetHoldingOtherCommitsInTheSameStreamFailsWithTheDifferences() {
        String memory = Cli.uniqueMemoryUri();
        String target = Cli.uniqueMemoryUri();
        try (PersistenceEngine source = TestStores.open(memory); PersistenceEngine copy = TestStores.open(target)) {
            source.commit(Cli.attempt("default", "cart", 1, 1, "{\"from\":\"source\"}"));
            copy.commit(Cli.attempt("default", "cart", 1, 1, "{\"from\":\"target\"}"));
            Cli.Result result = Cli.run("copy", memory, target);
            assertEquals(1, result.exitCode(), result.out());
            assertTrue(result.out().startsWith("conflict     default/cart: commit "), result.out());
            assertTrue(result.out().contains("difference   default/cart: 1 commits in the source, 1 in the target, "
                    + "1 not equal"), result.out());
        }
    }

    @Test
    void aCopyKilledHalfwayAndRunAgainEndsExact() throws Exception {
        String source = TestStores.sqliteUri();
        String target = TestStores.sqliteUri();
        int total = 1500;
        try (PersistenceEngine engine = TestStores.open(source)) {
            for (int i = 0; i < total; i++) {
                engine.commit(Cli.attempt("default", "s-" + (i % 37), i / 37 + 1, i / 37 + 1, "{\"i\":" + i + "}"));
            }
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "copy", source, target, "--save-every", "50", "--page-size", "20")
                .redirectErrorStream(true).redirectOutput(new File("target/cli-tests/killed-copy.log")).start();
        long atKill;
        try (PersistenceEngine copy = TestStores.open(target)) {
            Cli.await(() -> copy.lastCheckpoint() >= total / 4, "the child to copy a quarter");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            atKill = copy.lastCheckpoint();
        }
        assertTrue(atKill < total, "killed after " + atKill + " of " + total);

        Cli.Result rerun = Cli.run("copy", source, target);
        assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
        assertTrue(rerun.out().contains("check: 37 streams compared, 0 differences"), rerun.out());
        try (PersistenceEngine from = TestStores.open(source); PersistenceEngine to = TestStores.open(target)) {
            assertEquals(TestStores.feed(from), TestStores.feed(to));
        }
    }
}
