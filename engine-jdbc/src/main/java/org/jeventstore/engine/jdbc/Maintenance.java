package org.jeventstore.engine.jdbc;

import java.sql.PreparedStatement;

/**
 * Deletes, purges and drop. Each is one transaction that deletes heads first: a writer of the same stream
 * waits on the head row (or, on SQLite, on the database lock) and then sees the stream gone, so no commit is
 * left behind without its head. The checkpoint counter is never touched, so no checkpoint is given out again.
 */
final class Maintenance {

    private final Db db;

    Maintenance(Db db) {
        this.db = db;
    }

    void deleteStream(String bucketId, String streamId) {
        Tables t = db.tables();
        String where = " WHERE bucket_id = ? AND stream_id = ?";
        db.transaction("delete stream " + bucketId + "/" + streamId, c -> {
            for (String table : new String[] {t.heads(), t.commits(), t.snapshots()}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + where)) {
                    s.setString(1, bucketId);
                    s.setString(2, streamId);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Every bucket when {@code bucketId} is null. */
    void purge(String bucketId) {
        Tables t = db.tables();
        String where = bucketId == null ? "" : " WHERE bucket_id = ?";
        db.transaction(bucketId == null ? "purge the store" : "purge bucket " + bucketId, c -> {
            for (String table : new String[] {t.heads(), t.commits(), t.snapshots()}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + where)) {
                    if (bucketId != null) {
                        s.setString(1, bucketId);
                    }
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    void drop() {
        db.transaction("drop the store's tables", c -> {
            for (String table : db.dialect().tables(db.tables())) {
                try (PreparedStatement s = c.prepareStatement("DROP TABLE IF EXISTS " + table)) {
                    s.execute();
                }
            }
            return null;
        });
    }
}
