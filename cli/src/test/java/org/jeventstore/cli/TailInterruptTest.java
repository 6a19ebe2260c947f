package org.jeventstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jeventstore.spi.PersistenceEngine;
import org.junit.jupiter.api.Test;

/** Ctrl-C on {@code tail --follow}, as a terminal sends it: SIGINT to a JVM of its own running the jar's main. */
class TailInterruptTest {

    /** The shell's code for a process ended by SIGINT (128 + 2), which the JVM exits with after its hooks. */
    private static final int INTERRUPTED = 130;

    @Test
    void sigintEndsTailFollowPromptlyWithExitCode130AndCleanOutput() throws Exception {
        String uri = TestStores.sqliteUri();
        try (PersistenceEngine engine = TestStores.open(uri)) {
            engine.commit(Cli.attempt("default", "first", 1, 1, "{}"));
            engine.commit(Cli.attempt("default", "second", 1, 1, "{}"));
        }
        Path out = Files.createTempFile(Path.of("target", "cli-tests"), "tail", ".out");
        Path err = Files.createTempFile(Path.of("target", "cli-tests"), "tail", ".err");
        Process child = ChildJvm.main(List.of(), "tail", uri, "--follow", "--poll-millis", "100", "--json")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            Cli.await(() -> read(out).contains("\"stream\":\"second\""), "tail to print the stored commits");

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());

            long signalled = System.nanoTime();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "tail still runs 10 s after SIGINT");
            System.out.printf("tail --follow ended %d ms after SIGINT%n", (System.nanoTime() - signalled) / 1_000_000);
            assertEquals(INTERRUPTED, child.exitValue(), read(err));
            assertEquals("", read(err), "stderr");
            List<String> lines = read(out).lines().toList();
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(1).startsWith("{\"checkpoint\":2,") && lines.get(1).endsWith("}"), lines.toString());
            assertFalse(read(out).contains("Exception"), read(out));
        } finally {
            child.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
