package org.jeventstore.engine.jdbc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.EventStores;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/**
 * The writer of {@link SqliteTwoProcessTest}: run as a child JVM ({@link #main}) and, the same workload, on a
 * thread of the test's own JVM. Each round tries the next sequence of the contested stream, then commits to two
 * of the writer's own streams; every outcome goes to the sink as one {@link Outcome} line.
 */
final class SqliteWriterProcess {

    static final int ROUNDS = 100;
    static final int OWN_STREAMS = 4;

    /** One attempt: won with its checkpoint, or lost to the other writer (ConcurrencyException). */
    record Outcome(String stream, long sequence, UUID commitId, boolean won, long checkpoint) {

        String line() {
            return (won ? "won" : "lost") + " " + stream + " " + sequence + " " + commitId + " " + checkpoint;
        }

        static Outcome parse(String line) {
            String[] f = line.split(" ");
            if (f.length != 5 || !(f[0].equals("won") || f[0].equals("lost"))) {
                throw new IllegalArgumentException("not an outcome: " + line);
            }
            return new Outcome(f[1], Long.parseLong(f[2]), UUID.fromString(f[3]), f[0].equals("won"),
                    Long.parseLong(f[4]));
        }
    }

    private SqliteWriterProcess() {
    }

    /** {@code <store uri> <contested stream> <own stream prefix>}: "ready" once open, then waits for "go". */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (PersistenceEngine engine = EventStores.openEngine(args[0], EngineOptions.defaults())) {
            out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                throw new IllegalStateException("the test did not say go");
            }
            run(engine, args[1], args[2], outcome -> out.println(outcome.line()));
            out.println("done");
        } catch (Throwable e) {
            // Anything but a lost race is the failure the test looks for: it reads this line and the exit code.
            out.println("error " + e);
            e.printStackTrace();
            System.exit(2);
        }
    }

    static void run(PersistenceEngine engine, String contested, String ownPrefix, Consumer<Outcome> sink) {
        long[] ownSequence = new long[OWN_STREAMS];
        for (int round = 1; round <= ROUNDS; round++) {
            sink.accept(attempt(engine, TestCommits.attempt(contested, round)));
            for (int k = 0; k < 2; k++) {
                int own = (2 * round + k) % OWN_STREAMS;
                CommitAttempt attempt = TestCommits.attempt(ownPrefix + own, ++ownSequence[own]);
                Outcome outcome = attempt(engine, attempt);
                if (!outcome.won()) {
                    throw new IllegalStateException("lost a commit on an uncontested stream: " + outcome.line());
                }
                sink.accept(outcome);
            }
        }
    }

    private static Outcome attempt(PersistenceEngine engine, CommitAttempt attempt) {
        try {
            long checkpoint = engine.commit(attempt).checkpoint();
            return new Outcome(attempt.streamId(), attempt.commitSequence(), attempt.commitId(), true, checkpoint);
        } catch (ConcurrencyException lost) {
            return new Outcome(attempt.streamId(), attempt.commitSequence(), attempt.commitId(), false, 0);
        }
    }
}
