package org.jeventstore.engine.jdbc;

import java.sql.PreparedStatement;
import java.util.Optional;
import org.jeventstore.spi.StreamKey;

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

    void deleteStream(StreamKey stream) {
        Tables t = db.tables();
        String where = " WHERE bucket_id = ? AND stream_id = ?";
        db.transaction("delete stream " + stream, c -> {
            for (String table : new String[] {t.heads(), t.commits(), t.snapshots()}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + where)) {
                    s.setString(1, stream.bucketId());
                    s.setString(2, stream.streamId());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Every bucket when {@code bucketId} is empty. */
    void purge(Optional<String> bucketId) {
        Tables t = db.tables();
        String where = bucketId.isEmpty() ? "" : " WHERE bucket_id = ?";
        db.transaction(bucketId.map(b -> "purge bucket " + b).orElse("purge the store"), c -> {
            for (String table : new String[] {t.heads(), t.commits(), t.snapshots()}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + where)) {
                    if (bucketId.isPresent()) {
                        s.setString(1, bucketId.get());
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
