package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;

/**
 * The stopped-and-restarted scenario every server database runs: a server of the test's own is stopped under an
 * open engine. While it is down, a commit and a feed read fail with {@link StorageUnavailableException} — not a
 * raw driver error, and within a bound rather than hanging; after the restart the engine recovers on its own pool,
 * every commit acknowledged before the stop is there, and the feed continues at the next checkpoint.
 */
final class RestartedServer {

    /** The engine's pool timeout in the scenario: a call while the server is down fails after about this. */
    static final long TIMEOUT_MILLIS = 1_000;

    /**
     * How long a call may take to fail while the server is down: the pool's timeout plus the driver's connect
     * attempt to a closed port and a validation; far below it in practice, far above a hang's "never".
     */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(30);

    /** A database server the test owns. */
    interface Server {
        /** The JDBC URL of the server's database, credentials included; the same after a restart. */
        String jdbcUrl();

        void stop() throws Exception;

        /** Starts it again on the same port and data. */
        void restart() throws Exception;
    }

    private RestartedServer() {
    }

    /** Runs the scenario; {@code open} opens an engine for a store URI (the caller's test closes it). */
    static void assertUnavailableWhileDownAndRecovers(Server server, String prefix,
                                                      Function<String, JdbcEngine> open) throws Exception {
        String separator = server.jdbcUrl().contains("?") ? "&" : "?";
        JdbcEngine engine = open.apply(server.jdbcUrl() + separator + "createSchema=true&timeoutMillis="
                + TIMEOUT_MILLIS + "&tablePrefix=" + prefix);
        List<String> streams = List.of("s-" + UUID.randomUUID(), "s-" + UUID.randomUUID());
        List<CommitRecord> acknowledged = new ArrayList<>();
        for (int sequence = 1; sequence <= 3; sequence++) {
            for (String stream : streams) {
                acknowledged.add(engine.commit(TestCommits.attempt(stream, sequence)));
            }
        }
        long last = acknowledged.get(acknowledged.size() - 1).checkpoint();

        server.stop();
        CommitAttempt next = TestCommits.attempt(streams.get(0), 4);
        assertUnavailable(() -> engine.commit(next));
        assertUnavailable(() -> TestCommits.feed(engine));
        assertUnavailable(() -> TestCommits.stream(engine, streams.get(0)));

        server.restart();
        CommitRecord stored = KilledCommit.commitWithin(engine, next, Duration.ofSeconds(30));
        assertEquals(last + 1, stored.checkpoint(), "the feed continues at the next checkpoint");
        List<CommitRecord> all = new ArrayList<>(acknowledged);
        all.add(stored);
        assertEquals(all, TestCommits.feed(engine));
        try (var after = engine.readFeed(FeedRange.after(last))) {
            assertEquals(List.of(stored), after.toList());
        }
        List<CommitRecord> first = all.stream().filter(c -> c.attempt().streamId().equals(streams.get(0))).toList();
        assertEquals(first, TestCommits.stream(engine, streams.get(0)));
    }

    /** The call fails as unavailable within {@link #FAILS_WITHIN}; a hang fails the test instead of the build. */
    private static void assertUnavailable(Callable<?> call) throws InterruptedException {
        // A thread of its own: the common pool has one thread on a 2-core machine, which another test may hold.
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            caller.submit(call).get(FAILS_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            fail("succeeded with the server down");
        } catch (ExecutionException e) {
            assertInstanceOf(StorageUnavailableException.class, e.getCause());
        } catch (TimeoutException e) {
            fail("still running after " + FAILS_WITHIN + " with the server down");
        } finally {
            caller.shutdownNow();
        }
    }
}
