package org.jeventstore.engine.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;

/**
 * Every read of commits and heads: one index range scan per page, keyed after the last item of the previous
 * page, each page a statement of its own (so no connection or cursor is held between pages).
 */
final class Reads {

    private static final String COLUMNS = "checkpoint, bucket_id, stream_id, commit_sequence, stream_revision, "
            + "commit_id, commit_stamp, headers, events";

    private final Db db;
    private final int pageSize;
    final String streamSql;
    final String feedSql;
    final String bucketFeedSql;
    final String timeSql;
    final String headsSql;
    final String lastCheckpointSql;

    Reads(Db db, int pageSize) {
        this.db = db;
        this.pageSize = pageSize;
        String commits = db.tables().commits();
        streamSql = "SELECT " + COLUMNS + " FROM " + commits + " WHERE bucket_id = ? AND stream_id = ? "
                + "AND stream_revision >= ? AND first_revision <= ? ORDER BY stream_revision LIMIT ?";
        feedSql = "SELECT " + COLUMNS + " FROM " + commits + " WHERE checkpoint > ? AND checkpoint <= ? "
                + "ORDER BY checkpoint LIMIT ?";
        bucketFeedSql = "SELECT " + COLUMNS + " FROM " + commits + " WHERE bucket_id = ? AND checkpoint > ? "
                + "AND checkpoint <= ? ORDER BY checkpoint LIMIT ?";
        timeSql = "SELECT " + COLUMNS + " FROM " + commits + " WHERE bucket_id = ? AND commit_stamp < ? "
                + "AND (commit_stamp, checkpoint) > (?, ?) ORDER BY commit_stamp, checkpoint LIMIT ?";
        headsSql = "SELECT stream_id, head_revision, snapshot_revision FROM " + db.tables().heads()
                + " WHERE bucket_id = ? AND stream_id > ? AND head_revision - snapshot_revision >= ? "
                + "ORDER BY stream_id LIMIT ?";
        // every dialect answers MAX of the primary key from the end of its index
        lastCheckpointSql = "SELECT MAX(checkpoint) FROM " + commits;
    }

    Stream<CommitRecord> stream(StreamRange range) {
        return Pages.stream(pageSize, last -> commits("read stream " + range.bucketId() + "/" + range.streamId(),
                streamSql, s -> {
                    s.setString(1, range.bucketId());
                    s.setString(2, range.streamId());
                    s.setLong(3, last == null ? range.minRevision() : last.streamRevision() + 1);
                    s.setLong(4, range.maxRevision());
                    s.setInt(5, pageSize);
                }));
    }

    Stream<CommitRecord> feed(FeedRange range) {
        return Pages.stream(pageSize, last -> {
            long after = last == null ? range.afterCheckpoint() : last.checkpoint();
            if (range.allBuckets()) {
                return commits("read the feed", feedSql, s -> {
                    s.setLong(1, after);
                    s.setLong(2, range.toCheckpoint());
                    s.setInt(3, pageSize);
                });
            }
            return commits("read the feed of bucket " + range.bucketId(), bucketFeedSql, s -> {
                s.setString(1, range.bucketId());
                s.setLong(2, after);
                s.setLong(3, range.toCheckpoint());
                s.setInt(4, pageSize);
            });
        });
    }

    /** The highest checkpoint of a stored commit (deleted commits leave no row), 0 when there is none. */
    long lastCheckpoint() {
        return db.call("read the last checkpoint", c -> {
            try (PreparedStatement s = c.prepareStatement(lastCheckpointSql); ResultSet r = s.executeQuery()) {
                // MAX of no rows is NULL, which getLong reads as 0
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    Stream<CommitRecord> byTime(TimeRange range) {
        long from = clamp(range.from());
        long to = range.to().equals(Instant.MAX) ? Long.MAX_VALUE : clamp(range.to());
        return Pages.stream(pageSize, last -> commits("read bucket " + range.bucketId() + " by time", timeSql, s -> {
            s.setString(1, range.bucketId());
            s.setLong(2, to);
            s.setLong(3, last == null ? from : last.commitStamp().toEpochMilli());
            s.setLong(4, last == null ? -1 : last.checkpoint());
            s.setInt(5, pageSize);
        }));
    }

    private static long clamp(Instant instant) {
        if (instant.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        if (instant.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
            return Long.MAX_VALUE;
        }
        long millis = instant.toEpochMilli();
        // A stamp is stored in whole milliseconds: [from, to) in nanoseconds starts at the next whole one.
        return Instant.ofEpochMilli(millis).isBefore(instant) ? millis + 1 : millis;
    }

    Stream<StreamHead> heads(String bucketId, long threshold) {
        return Pages.stream(pageSize, last -> db.call("read the heads of bucket " + bucketId, c -> {
            try (PreparedStatement s = c.prepareStatement(headsSql)) {
                s.setString(1, bucketId);
                s.setString(2, last == null ? "" : last.streamId());
                s.setLong(3, threshold);
                s.setInt(4, pageSize);
                List<StreamHead> page = new ArrayList<>(pageSize);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        page.add(new StreamHead(bucketId, r.getString(1), r.getLong(2), r.getLong(3)));
                    }
                }
                return page;
            }
        }));
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<CommitRecord> commits(String what, String sql, Binder binder) {
        return db.call(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                List<CommitRecord> page = new ArrayList<>(pageSize);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        page.add(record(r));
                    }
                }
                return page;
            }
        });
    }

    private CommitRecord record(ResultSet r) throws SQLException {
        return new CommitRecord(new CommitAttempt(r.getString(2), r.getString(3), r.getLong(5),
                db.dialect().readUuid(r, 6), r.getLong(4), Instant.ofEpochMilli(r.getLong(7)), r.getBytes(8),
                Codec.decode(r.getBytes(9))), r.getLong(1));
    }
}
