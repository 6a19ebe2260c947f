package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.engine.jdbc.SqliteWriterProcess.Outcome;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one SQLite file (issue 11 item 9): a child JVM ({@link SqliteWriterProcess}) and this one
 * commit at once, racing on one stream, while a reader here follows the feed; and a child holding the file's
 * write lock past this store's {@code busy_timeout}. The store is opened by its URI, as an application would.
 */
class SqliteTwoProcessTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void twoProcessesOnOneFileCommitEachAcknowledgedCommitOnceWithOneWinnerPerSequence() throws Exception {
        Path file = SqliteFiles.freshFile();
        String uri = "jdbc:sqlite:" + file;
        String contested = "contested-" + UUID.randomUUID();
        Path childErr = Path.of(file + ".child-stderr.txt");
        Process child = startChild(childErr, SqliteWriterProcess.class, uri, contested,
                "child-" + UUID.randomUUID() + "-");
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

    /**
     * Another process holds the write lock longer than this store's {@code busy_timeout}: a commit fails as
     * unavailable, saying so, and writes nothing; reads and opening the store go on meanwhile; once the lock
     * is released the same attempt commits with the next checkpoint.
     */
    @Test
    void aWriteLockHeldPastBusyTimeoutFailsTheCommitAsUnavailable() throws Exception {
        Path file = SqliteFiles.freshFile();
        String uri = "jdbc:sqlite:" + file + "?busy_timeout=200";
        String stream = "s-" + UUID.randomUUID();
        Path childErr = Path.of(file + ".holder-stderr.txt");
        try (PersistenceEngine engine = EventStores.openEngine(uri, EngineOptions.defaults())) {
            CommitRecord first = engine.commit(TestCommits.attempt(stream, 1));
            CommitAttempt second = TestCommits.attempt(stream, 2);
            Process holder = startChild(childErr, SqliteLockHolderProcess.class, "jdbc:sqlite:" + file);
            ExecutorService threads = Executors.newSingleThreadExecutor();
            try {
                BlockingQueue<String> holderLines = new LinkedBlockingQueue<>();
                threads.submit(() -> readLines(holder, holderLines));
                assertEquals("holding", next(holderLines, childErr));

                StorageUnavailableException busy = assertThrows(StorageUnavailableException.class,
                        () -> engine.commit(second));
                assertTrue(busy.getMessage().contains("SQLITE_BUSY") && busy.getMessage().contains("busy_timeout"),
                        busy.getMessage());
                assertEquals(List.of(first), TestCommits.feed(engine));
                try (PersistenceEngine another = EventStores.openEngine(uri, EngineOptions.defaults())) {
                    assertEquals(List.of(first), TestCommits.feed(another));
                }

                try (Writer release = holder.outputWriter(StandardCharsets.UTF_8)) {
                    release.write("release\n");
                }
                assertEquals("released", next(holderLines, childErr));
                assertTrue(holder.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the holder did not exit");
                assertEquals(0, holder.exitValue(), Files.readString(childErr));
            } finally {
                holder.destroyForcibly();
                threads.shutdownNow();
            }
            CommitRecord retried = engine.commit(second);
            assertEquals(first.checkpoint() + 1, retried.checkpoint());
            assertEquals(List.of(first, retried), TestCommits.feed(engine));
        }
    }

    /** A JVM like this one, on the test class path, running {@code main} of {@code mainClass}; stderr to a file. */
    private static Process startChild(Path stderr, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
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
