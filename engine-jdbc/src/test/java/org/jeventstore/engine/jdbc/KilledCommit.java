package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.PersistenceEngine;

/**
 * The killed-connection scenario every server database runs: a commit's connection is killed while the commit
 * waits for the checkpoint row (held by another transaction). It must fail as unavailable, store nothing (head
 * and counter included), leave the feed unchanged, and the same attempt must then commit with the next
 * checkpoint.
 */
final class KilledCommit {

    /** How a database opens an admin connection, finds the waiting commit's session and kills it. */
    interface Server {
        Connection connect() throws SQLException;

        /** Locks the checkpoint row on {@code admin}, in its open transaction. */
        String lockCheckpointRow(Tables tables);

        /** Waits (bounded) for the commit to wait on the lock, then kills its session. */
        void killWaitingCommit(Tables tables) throws Exception;
    }

    private KilledCommit() {
    }

    static void assertLeavesNothingAndTheRetrySucceeds(JdbcEngine engine, Tables tables, Server server)
            throws Exception {
        String stream = "s-" + UUID.randomUUID();
        CommitRecord first = engine.commit(TestCommits.attempt(stream, 1));
        CommitAttempt second = TestCommits.attempt(stream, 2);
        // A thread of its own: the common pool has one thread on a 2-core machine, which another test may hold.
        ExecutorService committer = Executors.newSingleThreadExecutor();
        try (Connection admin = server.connect()) {
            admin.setAutoCommit(false);
            try (Statement s = admin.createStatement()) {
                s.executeQuery(server.lockCheckpointRow(tables)).close();
            }
            Future<CommitRecord> commit = committer.submit(() -> engine.commit(second));
            server.killWaitingCommit(tables);
            ExecutionException failed = assertThrows(ExecutionException.class, () -> commit.get(30, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof StorageUnavailableException, failed.getCause().toString());
            admin.rollback();
        } finally {
            committer.shutdownNow();
        }

        assertEquals(List.of(first), TestCommits.stream(engine, stream));
        assertEquals(List.of(first), TestCommits.feed(engine));
        try (var heads = engine.snapshots().streamsToSnapshot(TestCommits.BUCKET, 0)) {
            assertEquals(List.of(new StreamHead(TestCommits.BUCKET, stream, 1, 0)), heads.toList());
        }
        CommitRecord retried = commitWithin(engine, second, Duration.ofSeconds(30));
        assertEquals(first.checkpoint() + 1, retried.checkpoint());
        assertEquals(List.of(first, retried), TestCommits.feed(engine));
    }

    /** Commits, retrying while the pool still hands out connections broken by a kill or a restart; bounded. */
    static CommitRecord commitWithin(PersistenceEngine engine, CommitAttempt attempt, Duration limit)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            try {
                return engine.commit(attempt);
            } catch (StorageUnavailableException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
