package org.jeventstore.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;

/** Runs the command line the jar runs, in this JVM, with its output captured. */
final class Cli {

    record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(new StringWriter(), args);
    }

    /** Runs with {@code out} as the output, which another thread may read while the command runs. */
    static Result run(StringWriter out, String... args) {
        CommandLine commandLine = JEventStoreCommand.commandLine();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Waits until {@code condition} holds, for at most ten seconds. */
    static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static String uniqueMemoryUri() {
        return "memory:cli-" + UUID.randomUUID();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static CommitAttempt attempt(String bucket, String stream, long sequence, long revision, String body) {
        return new CommitAttempt(bucket, stream, revision, UUID.randomUUID(), sequence, Instant.parse("2026-01-02T03:04:05.678Z"),
                utf8("{\"user\":\"ops\"}"), List.of(new EventRecord(utf8("{\"a.b\":1}"),
                new Payload("ItemAdded", Payload.JSON, utf8(body)))));
    }
}
