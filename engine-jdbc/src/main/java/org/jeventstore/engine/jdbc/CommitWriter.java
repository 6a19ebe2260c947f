package org.jeventstore.engine.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;

/**
 * The write protocol: one statement, in autocommit (one transaction), that checks the stream head, moves it and
 * inserts the commit with the next checkpoint; the dialect's statement says how (on MariaDB/MySQL a second call
 * reads the checkpoint back). When it writes nothing or is refused by the head, or hits a unique constraint, one
 * more query tells a duplicate commitId from a concurrency conflict, so the duplicate always wins.
 */
final class CommitWriter {

    private final Db db;
    private final ReentrantLock writerLock;
    private final String commitSql;
    private final String commitIdSql;

    CommitWriter(Db db) {
        this.db = db;
        this.writerLock = db.dialect().oneWriterAtATime() ? new ReentrantLock(true) : null;
        this.commitSql = db.dialect().commitSql(db.tables());
        this.commitIdSql = "SELECT 1 FROM " + db.tables().commits()
                + " WHERE bucket_id = ? AND stream_id = ? AND commit_id = ?";
    }

    CommitRecord commit(CommitAttempt attempt) {
        Dialect.Row row = row(attempt, db.maxPayloadBytes());
        if (writerLock == null) {
            return write(attempt, row);
        }
        writerLock.lock();
        try {
            return write(attempt, row);
        } finally {
            writerLock.unlock();
        }
    }

    private CommitRecord write(CommitAttempt attempt, Dialect.Row row) {
        return db.call("commit " + attempt, c -> {
            try {
                Long checkpoint = insert(c, row);
                if (checkpoint != null) {
                    return new CommitRecord(attempt, checkpoint);
                }
            } catch (SQLException e) {
                if (!db.dialect().isConstraintViolation(e) && !db.dialect().isHeadRefusal(e)) {
                    throw e;
                }
            }
            throw refusal(c, attempt);
        });
    }

    /** Encodes the attempt and checks its size, before anything is sent. */
    static Dialect.Row row(CommitAttempt attempt, int limit) {
        byte[] events = Codec.encode(attempt.events());
        byte[] headers = attempt.headers();
        long size = (long) events.length + headers.length;
        if (size > limit) {
            throw new PayloadTooLargeException("Commit " + attempt + " encodes to " + size + " bytes; the limit is "
                    + limit);
        }
        return new Dialect.Row(attempt.bucketId(), attempt.streamId(), attempt.commitSequence(),
                attempt.firstRevision(), attempt.streamRevision(), attempt.commitId(), millis(attempt.commitStamp()),
                headers, events);
    }

    static long millis(Instant stamp) {
        try {
            return stamp.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("commit stamp out of range: " + stamp);
        }
    }

    private Long insert(Connection c, Dialect.Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(commitSql)) {
            db.dialect().bindCommit(s, row);
            return db.dialect().executeCommit(c, s);
        }
    }

    private RuntimeException refusal(Connection c, CommitAttempt attempt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(commitIdSql)) {
            s.setString(1, attempt.bucketId());
            s.setString(2, attempt.streamId());
            db.dialect().bindUuid(s, 3, attempt.commitId());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return new DuplicateCommitException("Stream " + attempt.bucketId() + "/" + attempt.streamId()
                            + " already holds commit " + attempt.commitId());
                }
            }
        }
        return new ConcurrencyException("Commit sequence " + attempt.commitSequence() + " or revisions "
                + attempt.firstRevision() + ".." + attempt.streamRevision() + " of stream " + attempt.bucketId() + "/"
                + attempt.streamId() + " are taken or behind the stream's head");
    }
}
