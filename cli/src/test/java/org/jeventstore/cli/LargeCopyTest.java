package org.jeventstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.junit.jupiter.api.Test;

/**
 * Memory stays flat however large the store: a copy of 200 000 commits in a JVM of its own with a 64 MB heap,
 * where holding the commits would take about 140 MB. Both stores are SQLite files written with
 * {@code synchronous=OFF}: an fsync per commit would make this a two-minute test of the disk, not of memory.
 */
class LargeCopyTest {

    private static final int COMMITS = 200_000;
    private static final int STREAMS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCopyOf200000CommitsRunsInA64MegabyteHeap() throws Exception {
        String source = TestStores.sqliteUri() + "?synchronous=OFF";
        String target = TestStores.sqliteUri() + "?synchronous=OFF";
        Cli.Result generated = Cli.run("generate", source, "--commits", Integer.toString(COMMITS),
                "--streams", Integer.toString(STREAMS), "--stream-prefix", "s");
        assertEquals(0, generated.exitCode(), generated.err());
        Path out = Files.createTempFile(Path.of("target", "cli-tests"), "large-copy", ".out");
        Path err = Files.createTempFile(Path.of("target", "cli-tests"), "large-copy", ".err");

        Process child = ChildJvm.main(List.of("-Xmx64m"), "copy", source, target, "--json")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(5, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            fail("the copy did not end within 5 minutes; its log: " + Files.readString(err));
        }

        assertEquals(0, child.exitValue(), Files.readString(out) + Files.readString(err));
        List<JsonNode> lines = Files.readAllLines(out).stream().map(LargeCopyTest::parse).toList();
        assertEquals(COMMITS, lines.get(0).get("copied").asLong(), lines.toString());
        assertEquals(STREAMS, lines.get(1).get("checkedStreams").asLong(), lines.toString());
        assertEquals(0, lines.get(1).get("differences").asLong(), lines.toString());
        assertTrue(Files.readString(err).lines().noneMatch(line -> line.contains("OutOfMemoryError")));
        try (PersistenceEngine copy = TestStores.open(target);
             Stream<CommitRecord> feed = copy.readFeed(FeedRange.after(0))) {
            assertEquals(COMMITS, feed.count());
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
