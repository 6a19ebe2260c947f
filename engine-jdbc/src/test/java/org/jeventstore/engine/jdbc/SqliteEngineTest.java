package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** SQLite: the dialect contract, its durability settings, and two engines (or two runs) on one file. */
class SqliteEngineTest extends DialectContract {

    private final String prefix = "jes_";
    private String uri;

    @Override
    DataSource freshDriverDataSource() {
        String file = SqliteFiles.freshFile().toString();
        uri = "jdbc:sqlite:" + file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(uri);
        return ds;
    }

    @Override
    String lastStoreUri() {
        return uri;
    }

    @Override
    String prefix() {
        return prefix;
    }

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }

    private JdbcEngine openByUri(String storeUri) {
        return (JdbcEngine) closeLater(new JdbcEngineProvider().open(StoreUri.parse(storeUri),
                EngineOptions.defaults()));
    }

    private static String pragma(JdbcEngine engine, String name) {
        return engine.db().call("read a pragma", c -> {
            try (PreparedStatement s = c.prepareStatement("PRAGMA " + name); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        });
    }

    @Test
    void storeByUriUsesWalAndFullSynchronousCommits() {
        JdbcEngine engine = openByUri(SqliteFiles.freshUri());

        assertEquals("wal", pragma(engine, "journal_mode"));
        assertEquals("2", pragma(engine, "synchronous"));
    }

    @Test
    void synchronousNormalInTheUrlWins() {
        JdbcEngine engine = openByUri(SqliteFiles.freshUri() + "?synchronous=NORMAL");

        assertEquals("1", pragma(engine, "synchronous"));
    }

    /** Two engines on one file, writing at once: one writer at a time, one winner per sequence, one feed. */
    @Test
    void twoEnginesOnOneFileShareStreamsAndTheFeed() throws Exception {
        String file = SqliteFiles.freshUri();
        PersistenceEngine a = openByUri(file);
        PersistenceEngine b = openByUri(file);
        String stream = "s-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<CommitRecord>>> writers = new ArrayList<>();
            for (PersistenceEngine engine : List.of(a, b)) {
                writers.add(threads.submit(() -> {
                    List<CommitRecord> won = new ArrayList<>();
                    for (int sequence = 1; sequence <= 50; sequence++) {
                        try {
                            won.add(engine.commit(TestCommits.attempt(stream, sequence)));
                        } catch (ConcurrencyException lost) {
                            // the other engine took this sequence
                        }
                    }
                    return won;
                }));
            }
            List<CommitRecord> won = new ArrayList<>();
            for (Future<List<CommitRecord>> writer : writers) {
                won.addAll(writer.get(1, TimeUnit.MINUTES));
            }
            won.sort(java.util.Comparator.comparingLong(CommitRecord::checkpoint));

            assertEquals(50, won.size());
            assertEquals(won, TestCommits.stream(a, stream));
            assertEquals(won, TestCommits.feed(b));
        } finally {
            threads.shutdownNow();
        }
    }

    /** A second run on the same file finds the first run's commits, positions with their leases, and snapshots. */
    @Test
    void secondRunOnTheSameFileSeesCommitsPositionsAndSnapshots() {
        String file = SqliteFiles.freshUri();
        String stream = "s-" + UUID.randomUUID();
        PersistenceEngine first = new JdbcEngineProvider().open(StoreUri.parse(file), EngineOptions.defaults());
        CommitRecord c1 = first.commit(TestCommits.attempt(stream, 1));
        CommitRecord c2 = first.commit(TestCommits.attempt(stream, 2));
        Position position = new Position("projection/cart", c1.checkpoint(), "process-1/" + UUID.randomUUID());
        first.positions().put(position);
        SnapshotRecord snapshot = new SnapshotRecord(TestCommits.BUCKET, stream, 2,
                new Payload("cart.state", Payload.JSON, TestCommits.utf8("{\"items\":2}")));
        assertTrue(first.snapshots().add(snapshot));
        first.close();

        PersistenceEngine second = openByUri(file);

        assertEquals(List.of(c1, c2), TestCommits.feed(second));
        assertEquals(Optional.of(position), second.positions().get("projection/cart"));
        assertEquals(Optional.of(snapshot),
                second.snapshots().latest(new StreamKey(TestCommits.BUCKET, stream), Long.MAX_VALUE));
        assertTrue(second.positions().replace(position, new Position("projection/cart", c2.checkpoint(),
                position.lease())));
        assertTrue(second.commit(TestCommits.attempt(stream, 3)).checkpoint() > c2.checkpoint());
    }

    @Test
    void inMemoryDatabaseIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JdbcEngineProvider().open(StoreUri.parse("jdbc:sqlite::memory:"), EngineOptions.defaults()));

        assertTrue(e.getMessage().contains("memory:"), e.getMessage());
    }
}
