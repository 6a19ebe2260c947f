package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.EmbeddedPg;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The embedded PostgreSQL: the dialect contract, the query plans, a killed connection and a restart. */
class PostgresEngineTest extends DialectContract {

    private final String prefix = EmbeddedPg.freshPrefix();

    @Override
    DataSource freshDriverDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(EmbeddedPg.url());
        return ds;
    }

    @Override
    String lastStoreUri() {
        return EmbeddedPg.url() + "&createSchema=true&tablePrefix=" + prefix;
    }

    @Override
    String prefix() {
        return prefix;
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    private JdbcEngine openByUri(String uri) {
        return (JdbcEngine) closeLater(new JdbcEngineProvider().open(StoreUri.parse(uri), EngineOptions.defaults()));
    }

    /**
     * With enough rows that a scan would cost, every read statement the engine sends (with bound values, as the
     * engine binds them) is planned as an index scan, never a sequential scan of the commits table.
     */
    @Test
    void everyReadIsAnIndexRangeScan() {
        JdbcEngine engine = openByUri(lastStoreUri());
        Tables t = new Tables(prefix);
        engine.db().call("fill", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + t.commits() + " (checkpoint, bucket_id, stream_id, commit_sequence, "
                        + "first_revision, stream_revision, commit_id, commit_stamp, headers, events) "
                        + "SELECT g, 'b' || (g % 10), 's' || (g % 1000), g / 1000 + 1, g / 1000 + 1, g / 1000 + 1, "
                        + "gen_random_uuid(), g, '\\x7b7d', '\\x00' FROM generate_series(1, 50000) g");
                s.execute("INSERT INTO " + t.heads() + " SELECT bucket_id, stream_id, max(commit_sequence), "
                        + "max(stream_revision), 0 FROM " + t.commits() + " GROUP BY bucket_id, stream_id");
                s.execute("ANALYZE " + t.commits());
                s.execute("ANALYZE " + t.heads());
            }
            return null;
        });
        Reads reads = new Reads(engine.db(), 128);

        List<String> stream = plan(engine, reads.streamSql, "b7", "s7", 3L, Long.MAX_VALUE, 128);
        List<String> feed = plan(engine, reads.feedSql, 25_000L, Long.MAX_VALUE, 128);
        List<String> bucketFeed = plan(engine, reads.bucketFeedSql, "b3", 25_000L, Long.MAX_VALUE, 128);
        List<String> byTime = plan(engine, reads.timeSql, "b3", Long.MAX_VALUE, 25_000L, -1L, 128);
        List<String> heads = plan(engine, reads.headsSql, "b3", "", 10L, 128);
        List<String> lastCheckpoint = plan(engine, reads.lastCheckpointSql);

        for (List<String> plan : List.of(stream, feed, bucketFeed, byTime, heads, lastCheckpoint)) {
            assertFalse(plan.stream().anyMatch(line -> line.contains("Seq Scan")), String.join("\n", plan));
            assertTrue(plan.stream().anyMatch(line -> line.contains("Index")), String.join("\n", plan));
        }
    }

    private static List<String> plan(JdbcEngine engine, String sql, Object... values) {
        return engine.db().call("explain", c -> {
            try (PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                List<String> lines = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        lines.add(r.getString(1));
                    }
                }
                return lines;
            }
        });
    }

    /**
     * The commit's connection is terminated while its statement waits for the checkpoint row (held by another
     * transaction): the commit fails as unavailable, nothing of it is stored, the feed is unchanged, and the same
     * attempt then commits normally.
     */
    @Test
    void connectionKilledMidCommitLeavesNothingAndTheRetrySucceeds() throws Exception {
        KilledCommit.assertLeavesNothingAndTheRetrySucceeds(openByUri(lastStoreUri()), new Tables(prefix),
                new KilledCommit.Server() {
            @Override
            public Connection connect() throws SQLException {
                return DriverManager.getConnection(EmbeddedPg.url());
            }

            @Override
            public String lockCheckpointRow(Tables t) {
                return "SELECT last_checkpoint FROM " + t.checkpoint() + " FOR UPDATE";
            }

            @Override
            public void killWaitingCommit(Tables t) throws Exception {
                int pid = awaitWaitingCommit(t);
                try (Connection killer = connect();
                     PreparedStatement s = killer.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    s.setInt(1, pid);
                    s.executeQuery().close();
                }
            }
        });
    }

    private static int awaitWaitingCommit(Tables t) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        try (Connection c = DriverManager.getConnection(EmbeddedPg.url());
             PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE wait_event_type = "
                     + "'Lock' AND query LIKE ?")) {
            s.setString(1, "%INSERT INTO " + t.commits() + "%");
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return r.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the commit never waited for the checkpoint row");
    }

    /**
     * A server of its own is stopped under an open engine: calls fail as unavailable while it is down, and once
     * it is up again the engine recovers with everything stored before and the next checkpoint.
     */
    @Test
    void stoppedDatabaseIsUnavailableAndTheEngineRecoversAfterARestart() throws Exception {
        Path data = Path.of("target", "embedded-pg", "restart-" + UUID.randomUUID());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres[] pg = {EmbeddedPg.start(data, port)};
        try {
            RestartedServer.assertUnavailableWhileDownAndRecovers(new RestartedServer.Server() {
                @Override
                public String jdbcUrl() {
                    return pg[0].getJdbcUrl("postgres", "postgres");
                }

                @Override
                public void stop() throws Exception {
                    pg[0].close();
                }

                @Override
                public void restart() {
                    pg[0] = EmbeddedPg.start(data, port);
                }
            }, prefix, this::openByUri);
        } finally {
            EmbeddedPg.closeQuietly(pg[0]);
        }
    }
}
