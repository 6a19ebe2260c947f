package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jeventstore.EventStores;
import org.jeventstore.engine.jdbc.SqliteWriterProcess.Outcome;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one SQLite file (issue 11 item 9): a child JVM ({@link SqliteWriterProcess}) and this one
 * commit at once, racing on one stream, while a reader here follows the feed. Both open the store by its URI,
 * as two runs of an application would.
 */
class SqliteTwoProcessTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void twoProcessesOnOneFileCommitEachAcknowledgedCommitOnceWithOneWinnerPerSequence() throws Exception {
        Path file = SqliteFiles.freshFile();
        String uri = "jdbc:sqlite:" + file;
        String contested = "contested-" + UUID.randomUUID();
        Path childErr = Path.of(file + ".child-stderr.txt");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                SqliteWriterProcess.class.getName(), uri, contested, "child-" + UUID.randomUUID() + "-")
                .redirectError(childErr.toFile())
                .start();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        AtomicBoolean writersDone = new AtomicBoolean();
        try {
            BlockingQueue<String> childLines = new LinkedBlockingQueue<>();
            threads.submit(() -> readLines(child, childLines));
            try (PersistenceEngine engine = EventStores.openEngine(uri, EngineOptions.defaults())) {
                Future<List<CommitRecord>> follower = threads.submit(() -> follow(engine, writersDone));
                assertEquals("ready", next(childLines, childErr));
                try (Writer go = child.outputWriter(StandardCharsets.UTF_8)) {
                    go.write("go\n");
                }
                // The child's JVM is cold: this one starts once the child has committed, so the two overlap.
                List<Outcome> fromChild = new ArrayList<>();
                fromChild.add(Outcome.parse(next(childLines, childErr)));
                List<Outcome> parent = new ArrayList<>();
                SqliteWriterProcess.run(engine, contested, "parent-" + UUID.randomUUID() + "-", parent::add);
                for (String line = next(childLines, childErr); !line.equals("done"); line = next(childLines, childErr)) {
                    fromChild.add(Outcome.parse(line));
                }
                assertTrue(child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the child did not exit");
                assertEquals(0, child.exitValue(), Files.readString(childErr));
                writersDone.set(true);
                List<CommitRecord> followed = follower.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

                assertOneWinnerPerContestedSequence(contested, parent, fromChild);
                List<Outcome> acknowledged = Stream.concat(parent.stream(), fromChild.stream())
                        .filter(Outcome::won).sorted(Comparator.comparingLong(Outcome::checkpoint)).toList();
                assertEquals(2 * 3 * SqliteWriterProcess.ROUNDS
                        - lost(parent) - lost(fromChild), acknowledged.size());
                List<CommitRecord> feed = TestCommits.feed(engine);
                assertEquals(acknowledged, feed.stream().map(SqliteTwoProcessTest::outcome).toList(),
                        "the feed holds every acknowledged commit of both processes once, nothing else");
                assertEquals(feed, followed, "the follower saw each commit once, in checkpoint order");
                for (int i = 1; i < followed.size(); i++) {
                    assertTrue(followed.get(i).checkpoint() > followed.get(i - 1).checkpoint());
                }
            }
        } finally {
            writersDone.set(true);
            child.destroyForcibly();
            threads.shutdownNow();
        }
    }

    private static void assertOneWinnerPerContestedSequence(String contested, List<Outcome> parent,
            List<Outcome> child) {
        for (List<Outcome> writer : List.of(parent, child)) {
            List<Long> tried = writer.stream().filter(o -> o.stream().equals(contested)).map(Outcome::sequence)
                    .toList();
            assertEquals(Stream.iterate(1L, s -> s + 1).limit(SqliteWriterProcess.ROUNDS).toList(), tried,
                    "each writer got an answer (won or ConcurrencyException) for every contested sequence");
        }
        Map<Long, Long> winners = Stream.concat(parent.stream(), child.stream())
                .filter(o -> o.stream().equals(contested) && o.won())
                .collect(Collectors.groupingBy(Outcome::sequence, Collectors.counting()));
        for (long sequence = 1; sequence <= SqliteWriterProcess.ROUNDS; sequence++) {
            assertEquals(1L, winners.get(sequence), "winners of contested sequence " + sequence);
        }
    }

    private static long lost(List<Outcome> writer) {
        return writer.stream().filter(o -> !o.won()).count();
    }

    private static Outcome outcome(CommitRecord c) {
        return new Outcome(c.attempt().streamId(), c.attempt().commitSequence(), c.attempt().commitId(), true,
                c.checkpoint());
    }

    /** Polls the feed after the last checkpoint seen until the writers are done and a last read finds nothing. */
    private static List<CommitRecord> follow(PersistenceEngine engine, AtomicBoolean writersDone)
            throws InterruptedException {
        List<CommitRecord> seen = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        Instant deadline = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(deadline)) {
            boolean last = writersDone.get();
            long after = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).checkpoint();
            List<CommitRecord> batch;
            try (Stream<CommitRecord> s = engine.readFeed(FeedRange.after(after))) {
                batch = s.toList();
            }
            for (CommitRecord c : batch) {
                if (!ids.add(c.attempt().commitId())) {
                    fail("the follower saw commit " + c.attempt().commitId() + " twice");
                }
                seen.add(c);
            }
            if (last && batch.isEmpty()) {
                return seen;
            }
            if (batch.isEmpty()) {
                Thread.sleep(5);
            }
        }
        throw new AssertionError("the follower did not finish within " + LIMIT);
    }

    private static Void readLines(Process child, BlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
            lines.add("eof");
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The child's next line; an error line, its end or silence past the limit fails the test. */
    private static String next(BlockingQueue<String> lines, Path childErr) throws Exception {
        String line = lines.poll(LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (line == null || line.equals("eof") || line.startsWith("error")) {
            fail("the child said " + line + "; its stderr:\n" + Files.readString(childErr));
        }
        return line;
    }
}
