package org.jeventstore.engine.jdbc;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What differs between databases: the DDL, the commit statement, how a UUID is bound, upserts, how errors are
 * classified, the payload limit and the driver to find. Everything else is the same SQL (row-value comparisons,
 * {@code LIMIT}).
 */
enum Dialect {

    POSTGRESQL("PostgreSQL", "postgresql", "org.postgresql.Driver", "org.postgresql:postgresql", false, 10,
            16 * 1024 * 1024) {
        @Override
        List<String> createSchema(Tables t) {
            String text = "TEXT COLLATE \"C\" NOT NULL";
            return List.of(
                    // Two engines creating the schema at once would race on the catalog: serialize them.
                    "SELECT pg_advisory_xact_lock(hashtext('" + t.schemaVersion() + "'))",
                    "CREATE TABLE IF NOT EXISTS " + t.schemaVersion() + " (version INTEGER NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS " + t.checkpoint() + " (id SMALLINT PRIMARY KEY CHECK (id = 1), "
                            + "last_checkpoint BIGINT NOT NULL)",
                    "INSERT INTO " + t.checkpoint() + " (id, last_checkpoint) VALUES (1, 0) ON CONFLICT DO NOTHING",
                    "CREATE TABLE IF NOT EXISTS " + t.commits() + " (checkpoint BIGINT PRIMARY KEY, "
                            + "bucket_id " + text + ", stream_id " + text + ", commit_sequence BIGINT NOT NULL, "
                            + "first_revision BIGINT NOT NULL, stream_revision BIGINT NOT NULL, "
                            + "commit_id UUID NOT NULL, commit_stamp BIGINT NOT NULL, headers BYTEA NOT NULL, "
                            + "events BYTEA NOT NULL, "
                            + "CONSTRAINT " + t.commits() + "_revision UNIQUE (bucket_id, stream_id, stream_revision), "
                            + "CONSTRAINT " + t.commits() + "_commit_id UNIQUE (bucket_id, stream_id, commit_id))",
                    "CREATE INDEX IF NOT EXISTS " + t.commits() + "_bucket ON " + t.commits()
                            + " (bucket_id, checkpoint)",
                    "CREATE INDEX IF NOT EXISTS " + t.commits() + "_stamp ON " + t.commits()
                            + " (bucket_id, commit_stamp, checkpoint)",
                    "CREATE TABLE IF NOT EXISTS " + t.heads() + " (bucket_id " + text + ", stream_id " + text + ", "
                            + "commit_sequence BIGINT NOT NULL, head_revision BIGINT NOT NULL, "
                            + "snapshot_revision BIGINT NOT NULL, PRIMARY KEY (bucket_id, stream_id))",
                    "CREATE TABLE IF NOT EXISTS " + t.snapshots() + " (bucket_id " + text + ", stream_id " + text
                            + ", stream_revision BIGINT NOT NULL, payload_type TEXT NOT NULL, "
                            + "content_type TEXT NOT NULL, payload BYTEA NOT NULL, "
                            + "PRIMARY KEY (bucket_id, stream_id, stream_revision))",
                    "CREATE TABLE IF NOT EXISTS " + t.positions() + " (name " + text + " PRIMARY KEY, "
                            + "checkpoint BIGINT NOT NULL, lease TEXT NOT NULL)");
        }

        @Override
        boolean transactionalDdl() {
            return true;
        }

        /**
         * One statement, so one round trip in autocommit: the head row is the optimistic-concurrency guard (its
         * row lock serializes writers of one stream), the counter row gives the checkpoint and stays locked until
         * the statement's transaction commits, so checkpoints become visible in the order they were given.
         * No row back: the head guard refused the commit.
         */
        @Override
        String commitSql(Tables t) {
            return "WITH head AS (INSERT INTO " + t.heads() + " AS h (bucket_id, stream_id, commit_sequence, "
                    + "head_revision, snapshot_revision) VALUES (?, ?, ?, ?, 0) ON CONFLICT (bucket_id, stream_id) "
                    + "DO UPDATE SET commit_sequence = excluded.commit_sequence, "
                    + "head_revision = excluded.head_revision "
                    + "WHERE h.commit_sequence < excluded.commit_sequence AND h.head_revision < ? RETURNING 1), "
                    + "next AS (UPDATE " + t.checkpoint() + " SET last_checkpoint = last_checkpoint + 1 "
                    + "WHERE id = 1 AND EXISTS (SELECT 1 FROM head) RETURNING last_checkpoint) "
                    + "INSERT INTO " + t.commits() + " (checkpoint, bucket_id, stream_id, commit_sequence, "
                    + "first_revision, stream_revision, commit_id, commit_stamp, headers, events) "
                    + "SELECT last_checkpoint, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM next RETURNING checkpoint";
        }

        @Override
        void bindCommit(PreparedStatement s, Row row) throws SQLException {
            int i = 1;
            s.setString(i++, row.bucketId());
            s.setString(i++, row.streamId());
            s.setLong(i++, row.sequence());
            s.setLong(i++, row.lastRevision());
            s.setLong(i++, row.firstRevision());
            i = row.bindColumns(this, s, i);
        }

        @Override
        void bindUuid(PreparedStatement s, int index, UUID id) throws SQLException {
            s.setObject(index, id);
        }

        @Override
        UUID readUuid(ResultSet r, int index) throws SQLException {
            return r.getObject(index, UUID.class);
        }

        @Override
        boolean isConstraintViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean isUnavailable(SQLException e) {
            String state = e.getSQLState();
            return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                    || state.equals("40001") || state.equals("40P01"));
        }

        @Override
        boolean tableExists(Connection c, String table) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                s.setString(1, table);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() && r.getBoolean(1);
                }
            }
        }
    },

    SQLITE("SQLite", "sqlite", "org.sqlite.JDBC", "org.xerial:sqlite-jdbc", true, 4, 16 * 1024 * 1024) {
        @Override
        List<String> createSchema(Tables t) {
            return List.of(
                    "CREATE TABLE IF NOT EXISTS " + t.schemaVersion() + " (version INTEGER NOT NULL)",
                    // AUTOINCREMENT: a checkpoint is never given out again, even after the highest is deleted.
                    "CREATE TABLE IF NOT EXISTS " + t.commits() + " (checkpoint INTEGER PRIMARY KEY AUTOINCREMENT, "
                            + "bucket_id TEXT NOT NULL, stream_id TEXT NOT NULL, commit_sequence INTEGER NOT NULL, "
                            + "first_revision INTEGER NOT NULL, stream_revision INTEGER NOT NULL, "
                            + "commit_id BLOB NOT NULL, commit_stamp INTEGER NOT NULL, headers BLOB NOT NULL, "
                            + "events BLOB NOT NULL, "
                            + "CONSTRAINT " + t.commits() + "_revision UNIQUE (bucket_id, stream_id, stream_revision), "
                            + "CONSTRAINT " + t.commits() + "_commit_id UNIQUE (bucket_id, stream_id, commit_id))",
                    "CREATE INDEX IF NOT EXISTS " + t.commits() + "_bucket ON " + t.commits()
                            + " (bucket_id, checkpoint)",
                    "CREATE INDEX IF NOT EXISTS " + t.commits() + "_stamp ON " + t.commits()
                            + " (bucket_id, commit_stamp, checkpoint)",
                    "CREATE TABLE IF NOT EXISTS " + t.heads() + " (bucket_id TEXT NOT NULL, stream_id TEXT NOT NULL, "
                            + "commit_sequence INTEGER NOT NULL, head_revision INTEGER NOT NULL, "
                            + "snapshot_revision INTEGER NOT NULL, PRIMARY KEY (bucket_id, stream_id)) WITHOUT ROWID",
                    // The head follows every commit inside the commit's own statement, so a commit stays one call.
                    "CREATE TRIGGER IF NOT EXISTS " + t.commits() + "_head AFTER INSERT ON " + t.commits()
                            + " BEGIN INSERT INTO " + t.heads() + " (bucket_id, stream_id, commit_sequence, "
                            + "head_revision, snapshot_revision) VALUES (NEW.bucket_id, NEW.stream_id, "
                            + "NEW.commit_sequence, NEW.stream_revision, 0) ON CONFLICT (bucket_id, stream_id) "
                            + "DO UPDATE SET commit_sequence = excluded.commit_sequence, "
                            + "head_revision = excluded.head_revision; END",
                    "CREATE TABLE IF NOT EXISTS " + t.snapshots() + " (bucket_id TEXT NOT NULL, "
                            + "stream_id TEXT NOT NULL, stream_revision INTEGER NOT NULL, payload_type TEXT NOT NULL, "
                            + "content_type TEXT NOT NULL, payload BLOB NOT NULL, "
                            + "PRIMARY KEY (bucket_id, stream_id, stream_revision))",
                    "CREATE TABLE IF NOT EXISTS " + t.positions() + " (name TEXT NOT NULL PRIMARY KEY, "
                            + "checkpoint INTEGER NOT NULL, lease TEXT NOT NULL) WITHOUT ROWID");
        }

        @Override
        List<String> tables(Tables t) {
            return List.of(t.commits(), t.heads(), t.snapshots(), t.positions(), t.schemaVersion());
        }

        /**
         * One statement in autocommit: SQLite takes the database's write lock before the statement reads
         * anything, so the head check, the insert (and the trigger's head update) run with no other writer, and
         * the new checkpoint is above every one committed before. No row back: the head guard refused it.
         */
        @Override
        String commitSql(Tables t) {
            return "INSERT INTO " + t.commits() + " (bucket_id, stream_id, commit_sequence, first_revision, "
                    + "stream_revision, commit_id, commit_stamp, headers, events) "
                    + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM " + t.heads()
                    + " WHERE bucket_id = ? AND stream_id = ? AND (commit_sequence >= ? OR head_revision >= ?)) "
                    + "RETURNING checkpoint";
        }

        @Override
        void bindCommit(PreparedStatement s, Row row) throws SQLException {
            int i = row.bindColumns(this, s, 1);
            s.setString(i++, row.bucketId());
            s.setString(i++, row.streamId());
            s.setLong(i++, row.sequence());
            s.setLong(i, row.firstRevision());
        }

        @Override
        void bindUuid(PreparedStatement s, int index, UUID id) throws SQLException {
            bindUuidBytes(s, index, id);
        }

        @Override
        UUID readUuid(ResultSet r, int index) throws SQLException {
            return readUuidBytes(r, index);
        }

        @Override
        String greatest() {
            return "MAX";
        }

        /** SQLite reports no SQLState; its result code 19 is SQLITE_CONSTRAINT. */
        @Override
        boolean isConstraintViolation(SQLException e) {
            return (e.getErrorCode() & 0xff) == 19;
        }

        /** SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection holds the lock longer than busy_timeout. */
        @Override
        boolean isUnavailable(SQLException e) {
            int code = e.getErrorCode() & 0xff;
            return code == 5 || code == 6;
        }

        @Override
        boolean tableExists(Connection c, String table) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                s.setString(1, table);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        }

        /**
         * The database has one writer at a time anyway; threads of one engine queue on a fair lock instead of
         * polling the file lock in SQLite's busy handler, which sleeps up to 100 ms between tries.
         */
        @Override
        boolean oneWriterAtATime() {
            return true;
        }

        /** Durable commits by default; a user's own {@code synchronous=NORMAL} in the URL wins. */
        @Override
        Map<String, String> connectionDefaults() {
            return Map.of("journal_mode", "WAL", "synchronous", "FULL", "busy_timeout", "30000");
        }
    },

    /**
     * MariaDB. It and MySQL share their SQL ({@link MySqlFamily}): the base methods below serve both, but for the
     * commit, which MariaDB's {@code INSERT ... RETURNING} makes one call.
     */
    MARIADB("MariaDB", "mariadb", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client", false, 10,
            MySqlFamily.MAX_PAYLOAD_BYTES) {
        /** The row as inserted, that is with the checkpoint its {@code BEFORE INSERT} trigger set. */
        @Override
        String commitSql(Tables tables) {
            return MySqlFamily.commitSql(tables) + " RETURNING checkpoint";
        }

        @Override
        Long executeCommit(Connection connection, PreparedStatement statement) throws SQLException {
            return singleRow(statement);
        }
    },

    /** MySQL through Connector/J: the same SQL as MariaDB (the MariaDB driver refuses {@code jdbc:mysql:}). */
    MYSQL("MySQL", "mysql", "com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j", false, 10,
            MySqlFamily.MAX_PAYLOAD_BYTES);

    private final String displayName;
    private final String subprotocol;
    private final String driverClass;
    private final String driverArtifact;
    private final boolean createSchemaByDefault;
    private final int defaultPoolSize;
    private final int maxPayloadBytes;

    Dialect(String displayName, String subprotocol, String driverClass, String driverArtifact,
            boolean createSchemaByDefault, int defaultPoolSize, int maxPayloadBytes) {
        this.displayName = displayName;
        this.subprotocol = subprotocol;
        this.driverClass = driverClass;
        this.driverArtifact = driverArtifact;
        this.createSchemaByDefault = createSchemaByDefault;
        this.defaultPoolSize = defaultPoolSize;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The dialect of a {@code jdbc:<subprotocol>:...} URL, if there is one. */
    static Optional<Dialect> ofUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (Dialect d : values()) {
            if (lower.startsWith("jdbc:" + d.subprotocol + ":")) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The dialect of a connection, from the product name its driver reports. */
    static Dialect ofConnection(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        for (Dialect d : values()) {
            if (d.displayName.equalsIgnoreCase(product)) {
                return d;
            }
        }
        throw new IllegalArgumentException("The JDBC engine does not support " + product + "; supported: "
                + List.of(values()).stream().map(Dialect::displayName).toList());
    }

    /** Whether this is MariaDB or MySQL, which share their SQL ({@link MySqlFamily}). */
    private boolean mysqlFamily() {
        return this == MARIADB || this == MYSQL;
    }

    /**
     * The statements that create the schema if absent, in order, run in one transaction; the MySQL family's
     * here, PostgreSQL and SQLite override.
     */
    List<String> createSchema(Tables tables) {
        return MySqlFamily.createSchema(tables);
    }

    /** Every table of the schema, dependents first, for drop. */
    List<String> tables(Tables t) {
        return List.of(t.commits(), t.heads(), t.snapshots(), t.positions(), t.checkpoint(), t.schemaVersion());
    }

    /** The commit statement; the MySQL family's here, PostgreSQL and SQLite override. */
    String commitSql(Tables tables) {
        return MySqlFamily.commitSql(tables);
    }

    /** Binds the commit statement; by default the commits table's columns in order. */
    void bindCommit(PreparedStatement statement, Row row) throws SQLException {
        row.bindColumns(this, statement, 1);
    }

    /**
     * Runs the bound commit statement: the new checkpoint, or null when the stream head refused the commit
     * without an error.
     */
    Long executeCommit(Connection connection, PreparedStatement statement) throws SQLException {
        return mysqlFamily() ? MySqlFamily.executeCommit(connection, statement) : singleRow(statement);
    }

    /** The checkpoint of the one row a commit statement returns, or null for none. */
    private static Long singleRow(PreparedStatement statement) throws SQLException {
        try (ResultSet r = statement.executeQuery()) {
            Long checkpoint = r.next() ? r.getLong(1) : null;
            // SQLite finishes (and commits) the statement on the step after its last row.
            if (r.next()) {
                throw new IllegalStateException("the commit statement returned two rows");
            }
            return checkpoint;
        }
    }

    /** A UUID as 16 bytes, most significant first; PostgreSQL has a type of its own. */
    void bindUuid(PreparedStatement statement, int index, UUID id) throws SQLException {
        bindUuidBytes(statement, index, id);
    }

    UUID readUuid(ResultSet result, int index) throws SQLException {
        return readUuidBytes(result, index);
    }

    private static void bindUuidBytes(PreparedStatement s, int index, UUID id) throws SQLException {
        s.setBytes(index, ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
    }

    private static UUID readUuidBytes(ResultSet r, int index) throws SQLException {
        ByteBuffer bytes = ByteBuffer.wrap(r.getBytes(index));
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /** The two-argument maximum function. */
    String greatest() {
        return "GREATEST";
    }

    /**
     * A unique-constraint violation, told by SQLState or vendor code, never by message text; the MySQL
     * family's here, PostgreSQL and SQLite override.
     */
    boolean isConstraintViolation(SQLException e) {
        return MySqlFamily.isConstraintViolation(e);
    }

    /** The commit statement's own signal that the stream head refused the commit (MySQL family). */
    boolean isHeadRefusal(SQLException e) {
        return mysqlFamily() && MySqlFamily.isHeadRefusal(e);
    }

    /**
     * The database cannot be reached or refused work for now: a retry may succeed. The MySQL family's here,
     * PostgreSQL and SQLite override.
     */
    boolean isUnavailable(SQLException e) {
        return MySqlFamily.isUnavailable(e);
    }

    /** Whether a table of this name is in the connection's schema (database). */
    boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_name = ?")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * {@code INSERT INTO <into>}, upserting the given columns when a row with the same key exists.
     * {@code into} is {@code table (columns) VALUES (...)}.
     */
    String upsert(String into, String keyColumns, List<String> updated) {
        if (mysqlFamily()) {
            return MySqlFamily.upsert(into, updated);
        }
        return "INSERT INTO " + into + " ON CONFLICT (" + keyColumns + ") DO UPDATE SET "
                + String.join(", ", updated.stream().map(c -> c + " = excluded." + c).toList());
    }

    /** {@code INSERT INTO <into>} that writes nothing (and counts no row) when the key is taken. */
    String insertIfAbsent(String into, String keyColumns) {
        if (mysqlFamily()) {
            return MySqlFamily.insertIfAbsent(into);
        }
        return "INSERT INTO " + into + " ON CONFLICT (" + keyColumns + ") DO NOTHING";
    }

    /** The table a constant {@code SELECT ... WHERE} needs after it, if any. */
    String fromDual() {
        return mysqlFamily() ? " FROM DUAL" : "";
    }

    /**
     * The largest encoded commit (headers and events) or snapshot payload, in bytes, for the database behind
     * {@code connection}.
     */
    int maxPayloadBytes(Connection connection) throws SQLException {
        return mysqlFamily() ? MySqlFamily.maxPayloadBytes(connection) : maxPayloadBytes;
    }

    /** Whether {@link #maxPayloadBytes(Connection)} and {@link #durabilityRisks(Connection)} ask the database. */
    boolean asksTheServer() {
        return mysqlFamily();
    }

    /**
     * The settings of the server behind {@code connection} under which a crash can take back a commit readers
     * could see, as {@code name=value}; empty when a visible commit is durable, and always for PostgreSQL and
     * SQLite, whose defaults make a commit durable before it is visible (docs/engines/jdbc.md, "Durability
     * assumptions").
     */
    List<String> durabilityRisks(Connection connection) throws SQLException {
        return mysqlFamily() ? MySqlFamily.durabilityRisks(connection) : List.of();
    }

    /**
     * Whether the schema is created in one transaction. SQLite runs each idempotent statement alone instead: a
     * transaction that only read (tables already there) and then wrote would fail if another connection wrote
     * meanwhile.
     */
    boolean transactionalDdl() {
        return false;
    }

    /** Whether an engine lets one of its threads commit at a time. */
    boolean oneWriterAtATime() {
        return false;
    }

    /** Driver properties set on pooled connections unless the URL sets them. */
    Map<String, String> connectionDefaults() {
        return mysqlFamily() ? MySqlFamily.CONNECTION_DEFAULTS : Map.of();
    }

    String displayName() {
        return displayName;
    }

    String driverClass() {
        return driverClass;
    }

    String driverArtifact() {
        return driverArtifact;
    }

    boolean createSchemaByDefault() {
        return createSchemaByDefault;
    }

    int defaultPoolSize() {
        return defaultPoolSize;
    }

    /** The largest encoded commit (headers and events) or snapshot payload, in bytes. */
    int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** The values of one commit row, as the commit statement binds them. */
    record Row(String bucketId, String streamId, long sequence, long firstRevision, long lastRevision, UUID commitId,
               long stampMillis, byte[] headers, byte[] events) {

        /** Binds the commits table's columns from {@code bucket_id} to {@code events}; returns the next index. */
        int bindColumns(Dialect dialect, PreparedStatement s, int first) throws SQLException {
            int i = first;
            s.setString(i++, bucketId);
            s.setString(i++, streamId);
            s.setLong(i++, sequence);
            s.setLong(i++, firstRevision);
            s.setLong(i++, lastRevision);
            dialect.bindUuid(s, i++, commitId);
            s.setLong(i++, stampMillis);
            s.setBytes(i++, headers);
            s.setBytes(i++, events);
            return i;
        }
    }
}
