package org.jeventstore.engine.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL MariaDB and MySQL share. Ids are {@code VARBINARY} (UTF-8 bytes compared byte-wise, no trailing-space
 * padding, as the other dialects compare them); the commit is one {@code INSERT} whose {@code BEFORE INSERT}
 * trigger guards and moves the stream head and takes the checkpoint from a counter row it keeps locked until
 * the statement's transaction commits.
 */
final class MySqlFamily {

    static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

    /** Set by the commit trigger; the session's own, so one query reads the checkpoint of its last commit. */
    static final String CHECKPOINT_VARIABLE = "@jes_checkpoint";

    /** The trigger's signal that the stream head refused the commit: a user-defined SQLState. */
    static final String HEAD_REFUSED = "45001";

    /**
     * The drivers' default made explicit: an {@code UPDATE} counts the rows it matched, not only those it changed,
     * as the snapshot and position statements expect.
     */
    static final Map<String, String> CONNECTION_DEFAULTS = Map.of("useAffectedRows", "false");

    /** Room for the statement around the values in a packet. */
    private static final int STATEMENT_OVERHEAD = 64 * 1024;

    /** ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME. */
    private static final List<Integer> DUPLICATE_KEY = List.of(1062, 1586);

    /** ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK, ER_SERVER_SHUTDOWN, ER_QUERY_INTERRUPTED, ER_CONNECTION_KILLED. */
    private static final List<Integer> TRANSIENT = List.of(1205, 1213, 1053, 1317, 1927);

    private MySqlFamily() {
    }

    static List<String> createSchema(Tables t) {
        String id = "VARBINARY(768) NOT NULL";
        String innodb = " ENGINE=InnoDB";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + t.schemaVersion() + " (version INT NOT NULL)" + innodb,
                "CREATE TABLE IF NOT EXISTS " + t.checkpoint() + " (id TINYINT NOT NULL PRIMARY KEY, "
                        + "last_checkpoint BIGINT NOT NULL)" + innodb,
                "INSERT IGNORE INTO " + t.checkpoint() + " (id, last_checkpoint) VALUES (1, 0)",
                "CREATE TABLE IF NOT EXISTS " + t.commits() + " (checkpoint BIGINT NOT NULL PRIMARY KEY, "
                        + "bucket_id " + id + ", stream_id " + id + ", commit_sequence BIGINT NOT NULL, "
                        + "first_revision BIGINT NOT NULL, stream_revision BIGINT NOT NULL, "
                        + "commit_id BINARY(16) NOT NULL, commit_stamp BIGINT NOT NULL, headers LONGBLOB NOT NULL, "
                        + "events LONGBLOB NOT NULL, "
                        + "UNIQUE KEY " + t.commits() + "_revision (bucket_id, stream_id, stream_revision), "
                        + "UNIQUE KEY " + t.commits() + "_commit_id (bucket_id, stream_id, commit_id), "
                        + "KEY " + t.commits() + "_bucket (bucket_id, checkpoint), "
                        + "KEY " + t.commits() + "_stamp (bucket_id, commit_stamp, checkpoint))" + innodb,
                "CREATE TABLE IF NOT EXISTS " + t.heads() + " (bucket_id " + id + ", stream_id " + id + ", "
                        + "commit_sequence BIGINT NOT NULL, head_revision BIGINT NOT NULL, "
                        + "snapshot_revision BIGINT NOT NULL, PRIMARY KEY (bucket_id, stream_id))" + innodb,
                "CREATE TABLE IF NOT EXISTS " + t.snapshots() + " (bucket_id " + id + ", stream_id " + id + ", "
                        + "stream_revision BIGINT NOT NULL, payload_type BLOB NOT NULL, content_type BLOB NOT NULL, "
                        + "payload LONGBLOB NOT NULL, PRIMARY KEY (bucket_id, stream_id, stream_revision))" + innodb,
                "CREATE TABLE IF NOT EXISTS " + t.positions() + " (name " + id + " PRIMARY KEY, "
                        + "checkpoint BIGINT NOT NULL, lease VARBINARY(512) NOT NULL)" + innodb,
                commitTrigger(t));
    }

    /**
     * Locks are taken in one order by every commit — the stream's head row, then the counter row — so writers
     * never deadlock: writers of one stream queue on its head, all writers on the counter. The head row is made
     * to exist first ({@code ON DUPLICATE KEY UPDATE} takes an exclusive lock on an existing row), so two
     * first commits of a stream queue on the row instead of both holding a gap lock and deadlocking.
     */
    private static String commitTrigger(Tables t) {
        String stream = " WHERE bucket_id = NEW.bucket_id AND stream_id = NEW.stream_id";
        return "CREATE TRIGGER IF NOT EXISTS " + t.commits() + "_head BEFORE INSERT ON " + t.commits()
                + " FOR EACH ROW BEGIN "
                + "DECLARE head_sequence BIGINT; DECLARE head_rev BIGINT; DECLARE next_checkpoint BIGINT; "
                + "INSERT INTO " + t.heads() + " (bucket_id, stream_id, commit_sequence, head_revision, "
                + "snapshot_revision) VALUES (NEW.bucket_id, NEW.stream_id, 0, 0, 0) "
                + "ON DUPLICATE KEY UPDATE commit_sequence = commit_sequence; "
                + "SELECT commit_sequence, head_revision INTO head_sequence, head_rev FROM " + t.heads() + stream
                + " FOR UPDATE; "
                + "IF head_sequence >= NEW.commit_sequence OR head_rev >= NEW.first_revision THEN "
                + "SIGNAL SQLSTATE '" + HEAD_REFUSED + "' SET MESSAGE_TEXT = 'jeventstore: the stream head refused "
                + "the commit'; END IF; "
                + "UPDATE " + t.heads() + " SET commit_sequence = NEW.commit_sequence, "
                + "head_revision = NEW.stream_revision" + stream + "; "
                + "UPDATE " + t.checkpoint() + " SET last_checkpoint = last_checkpoint + 1 WHERE id = 1; "
                + "SELECT last_checkpoint INTO next_checkpoint FROM " + t.checkpoint() + " WHERE id = 1; "
                + "SET NEW.checkpoint = next_checkpoint; "
                + "SET " + CHECKPOINT_VARIABLE + " = next_checkpoint; "
                + "END";
    }

    /** The checkpoint is a placeholder: the trigger sets it. */
    static String commitSql(Tables t) {
        return "INSERT INTO " + t.commits() + " (bucket_id, stream_id, commit_sequence, first_revision, "
                + "stream_revision, commit_id, commit_stamp, headers, events, checkpoint) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    }

    /**
     * MySQL, which has no {@code INSERT ... RETURNING}: two calls, the insert (its own transaction in autocommit),
     * then the checkpoint its trigger took.
     */
    static Long executeCommit(Connection c, PreparedStatement s) throws SQLException {
        s.executeUpdate();
        try (Statement q = c.createStatement(); ResultSet r = q.executeQuery("SELECT " + CHECKPOINT_VARIABLE)) {
            if (!r.next()) {
                throw new IllegalStateException("no checkpoint after the commit");
            }
            return r.getLong(1);
        }
    }

    static boolean isConstraintViolation(SQLException e) {
        return DUPLICATE_KEY.contains(e.getErrorCode());
    }

    static boolean isHeadRefusal(SQLException e) {
        return HEAD_REFUSED.equals(e.getSQLState());
    }

    static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return TRANSIENT.contains(e.getErrorCode()) || "40001".equals(state) || "70100".equals(state);
    }

    /**
     * Within the server's {@code max_allowed_packet}: the drivers send values inside the statement's text,
     * escaped, so a byte can take two.
     */
    static int maxPayloadBytes(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT @@max_allowed_packet")) {
            r.next();
            long packet = r.getLong(1);
            return (int) Math.max(0, Math.min(MAX_PAYLOAD_BYTES, (packet - STATEMENT_OVERHEAD) / 2));
        }
    }

    /**
     * The server settings under which a commit other sessions can see may still be lost in a server crash, as
     * {@code name=value}; empty when a visible commit is durable. Without the binary log InnoDB releases a
     * commit's locks and makes it visible before it flushes the redo log ({@code trx_t::commit_in_memory}); with
     * it, a commit is a two-phase commit whose prepare is flushed to the redo log and whose binary log events are
     * synced before the engine commit makes it visible, and recovery commits every prepared transaction found in
     * the binary log — if {@code sync_binlog=1} and the redo log is flushed at prepare
     * ({@code innodb_flush_log_at_trx_commit} 1, or MariaDB's 3).
     */
    static List<String> durabilityRisks(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT @@log_bin, @@sync_binlog, @@innodb_flush_log_at_trx_commit")) {
            r.next();
            return durabilityRisks(r.getLong(1) != 0, r.getLong(2), r.getLong(3));
        }
    }

    static List<String> durabilityRisks(boolean logBin, long syncBinlog, long flushLogAtTrxCommit) {
        List<String> risks = new ArrayList<>();
        if (!logBin) {
            risks.add("log_bin=OFF");
        } else if (syncBinlog != 1) {
            risks.add("sync_binlog=" + syncBinlog);
        }
        if (flushLogAtTrxCommit != 1 && flushLogAtTrxCommit != 3) {
            risks.add("innodb_flush_log_at_trx_commit=" + flushLogAtTrxCommit);
        }
        return risks;
    }

    static String upsert(String into, List<String> updated) {
        return "INSERT INTO " + into + " ON DUPLICATE KEY UPDATE "
                + String.join(", ", updated.stream().map(c -> c + " = VALUES(" + c + ")").toList());
    }

    /** A taken key counts no row; the columns are sized so that IGNORE has nothing else to ignore. */
    static String insertIfAbsent(String into) {
        return "INSERT IGNORE INTO " + into;
    }
}
