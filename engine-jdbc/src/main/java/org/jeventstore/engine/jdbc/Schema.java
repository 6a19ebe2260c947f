package org.jeventstore.engine.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jeventstore.StorageException;

/**
 * The store's tables and their version. Version {@value #VERSION} is the first; a later engine that changes the
 * tables raises it and migrates from the versions it knows, and this one refuses any other.
 */
final class Schema {

    static final int VERSION = 1;

    private Schema() {
    }

    /**
     * Creates what is missing when asked, then checks that every table is there at this engine's version.
     *
     * @throws StorageException if tables are missing or hold another version; the message says which
     */
    static void open(Db db, boolean create) {
        if (create) {
            create(db);
        }
        Tables t = db.tables();
        int version = db.call("check the schema", c -> {
            List<String> missing = new ArrayList<>();
            for (String table : db.dialect().tables(t)) {
                if (!db.dialect().tableExists(c, table)) {
                    missing.add(table);
                }
            }
            if (!missing.isEmpty()) {
                throw new StorageException("The " + db.dialect().displayName() + " database lacks the store's tables "
                        + missing + ": open it with createSchema=true, or create them as docs/engines/jdbc.md shows");
            }
            return storedVersion(c, t);
        });
        if (version < VERSION) {
            throw new StorageException("The store's tables (prefix " + t.prefix() + ") have schema version " + version
                    + ", older than this engine's version " + VERSION + ": migrate them first");
        }
        if (version > VERSION) {
            throw new StorageException("The store's tables (prefix " + t.prefix() + ") have schema version " + version
                    + ", newer than this engine's version " + VERSION + ": they were written by a later JEventStore; "
                    + "upgrade jeventstore-engine-jdbc");
        }
    }

    private static boolean hasVersionRow(Connection c, Tables t) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 1 FROM " + t.schemaVersion())) {
            return r.next();
        }
    }

    private static int storedVersion(Connection c, Tables t) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version FROM " + t.schemaVersion())) {
            if (!r.next()) {
                throw new StorageException("The table " + t.schemaVersion() + " holds no version: open with "
                        + "createSchema=true to write version " + VERSION);
            }
            int version = r.getInt(1);
            if (r.next()) {
                throw new StorageException("The table " + t.schemaVersion() + " holds more than one version");
            }
            return version;
        }
    }

    /**
     * Runs the DDL and writes the version row, unless the version row is already there: it is written last, so
     * every table before it is complete. Skipping the writes keeps a store opening while another process holds
     * a SQLite file's write lock (they would wait for it, up to busy_timeout, and fail past it).
     */
    private static void create(Db db) {
        Tables t = db.tables();
        boolean created = db.call("check the schema", c -> db.dialect().tableExists(c, t.schemaVersion())
                && hasVersionRow(c, t));
        if (created) {
            return;
        }
        List<String> statements = new ArrayList<>(db.dialect().createSchema(t));
        statements.add("INSERT INTO " + t.schemaVersion() + " (version) SELECT " + VERSION + db.dialect().fromDual()
                + " WHERE NOT EXISTS (SELECT 1 FROM " + t.schemaVersion() + ")");
        Db.Work<Void> run = c -> {
            for (String sql : statements) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.execute();
                }
            }
            return null;
        };
        if (db.dialect().transactionalDdl()) {
            db.transaction("create the schema", run);
        } else {
            db.call("create the schema", run);
        }
    }
}
