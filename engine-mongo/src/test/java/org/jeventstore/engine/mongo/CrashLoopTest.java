package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.Test;

/**
 * A slow subscription in a process that keeps being killed must still move forward: its position is stored
 * by time as well as by page. Each round starts a {@link SlowSubscriber} in a separate JVM on the in-process
 * server, waits (bounded) until the stored position moved, and kills the process with no chance to clean up.
 * A page of 128 commits at 200 ms each takes 25.6 s, longer than a round may last: saving only per page, the
 * position would never move.
 */
class CrashLoopTest {

    private static final int BACKLOG = 1000;
    private static final long MILLIS_PER_COMMIT = 200;
    private static final Duration ROUND = Duration.ofSeconds(20);

    private static CommitAttempt attempt(String stream, long sequence) {
        EventRecord event = new EventRecord("{}".getBytes(UTF_8),
                new Payload("test.event", Payload.JSON, ("{\"n\":" + sequence + "}").getBytes(UTF_8)));
        return new CommitAttempt("default", stream, sequence, UUID.randomUUID(), sequence, Instant.now(),
                "{}".getBytes(UTF_8), List.of(event));
    }

    private static Process startSubscriber(String uri, String name, int round) throws Exception {
        Path log = Files.createDirectories(Path.of("target", "crash-loop")).resolve("round-" + round + ".log");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowSubscriber.class.getName(),
                uri, name, String.valueOf(MILLIS_PER_COMMIT))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Whether {@code condition} held within {@code timeout}: the only wait of this test. */
    private static boolean within(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Test
    void aSlowSubscriptionKilledOverAndOverStillMovesForward() throws Exception {
        String uri = InProcessMongo.freshUri();
        String name = "slow-projection";
        try (PersistenceEngine engine = new MongoEngineProvider().open(StoreUri.parse(uri), EngineOptions.defaults())) {
            for (int i = 1; i <= BACKLOG; i++) {
                engine.commit(attempt("backlog", i));
            }
            List<Long> positions = new ArrayList<>();
            long previous = 0;
            for (int round = 1; round <= 3; round++) {
                Process subscriber = startSubscriber(uri, name, round);
                try {
                    long before = previous;
                    boolean moved = within(ROUND, () -> engine.positions().get(name).map(Position::checkpoint)
                            .orElse(0L) > before || !subscriber.isAlive());
                    assertTrue(subscriber.isAlive(), "round " + round + ": the subscriber died, see "
                            + new File("target/crash-loop/round-" + round + ".log").getAbsolutePath());
                    assertTrue(moved, "round " + round + ": the stored position stayed at " + before + " for " + ROUND);
                } finally {
                    subscriber.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                previous = engine.positions().get(name).map(Position::checkpoint).orElse(0L);
                positions.add(previous);
            }
            assertTrue(previous < BACKLOG, "each process was killed before the backlog was done: " + positions);
        }
    }
}
