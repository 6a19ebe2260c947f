package org.jeventstore.engine.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StreamKey;

/** Snapshots, and the snapshot revision of the stream head they move; the heads are read with the commits. */
final class Snapshots implements SnapshotStore {

    private final Db db;
    private final Reads reads;
    private final String headSql;
    private final String upsertSql;
    private final String readSql;

    Snapshots(Db db, Reads reads) {
        this.db = db;
        this.reads = reads;
        Tables t = db.tables();
        headSql = "UPDATE " + t.heads() + " SET snapshot_revision = " + db.dialect().greatest()
                + "(snapshot_revision, ?) WHERE bucket_id = ? AND stream_id = ?";
        upsertSql = db.dialect().upsert(t.snapshots() + " (bucket_id, stream_id, stream_revision, payload_type, "
                + "content_type, payload) VALUES (?, ?, ?, ?, ?, ?)", "bucket_id, stream_id, stream_revision",
                List.of("payload_type", "content_type", "payload"));
        readSql = "SELECT stream_revision, payload_type, content_type, payload FROM " + t.snapshots()
                + " WHERE bucket_id = ? AND stream_id = ? AND stream_revision <= ? "
                + "ORDER BY stream_revision DESC LIMIT 1";
    }

    /** One transaction: the head first (it exists only if the stream does, and locks the stream), then the row. */
    @Override
    public boolean add(SnapshotRecord snapshot) {
        Payload payload = snapshot.payload();
        int limit = db.maxPayloadBytes();
        if (payload.size() > limit) {
            throw new PayloadTooLargeException("Snapshot of " + snapshot.bucketId() + "/" + snapshot.streamId()
                    + " is " + payload.size() + " bytes; the limit is " + limit);
        }
        return db.transaction("add a snapshot of " + snapshot.bucketId() + "/" + snapshot.streamId(), c -> {
            try (PreparedStatement s = c.prepareStatement(headSql)) {
                s.setLong(1, snapshot.streamRevision());
                s.setString(2, snapshot.bucketId());
                s.setString(3, snapshot.streamId());
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement(upsertSql)) {
                s.setString(1, snapshot.bucketId());
                s.setString(2, snapshot.streamId());
                s.setLong(3, snapshot.streamRevision());
                s.setString(4, payload.type());
                s.setString(5, payload.contentType());
                s.setBytes(6, payload.data());
                s.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        return db.call("read a snapshot of " + stream, c -> {
            try (PreparedStatement s = c.prepareStatement(readSql)) {
                s.setString(1, stream.bucketId());
                s.setString(2, stream.streamId());
                s.setLong(3, maxRevision);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new SnapshotRecord(stream.bucketId(), stream.streamId(), r.getLong(1),
                            new Payload(r.getString(2), r.getString(3), r.getBytes(4))));
                }
            }
        });
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        return reads.heads(bucketId, threshold);
    }
}
