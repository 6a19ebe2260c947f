package org.jeventstore.engine.jdbc;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.spi.AbstractPersistenceEngine;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;

/**
 * The SPI facade: it delegates, and the SQL lives in the classes it delegates to; {@link
 * org.jeventstore.spi.CheckedEngine} checks arguments and state before. It closes the pool only if it created it.
 */
final class JdbcEngine extends AbstractPersistenceEngine {

    private final String description;
    private final Db db;
    private final AutoCloseable ownedPool;
    private final CommitWriter writer;
    private final Reads reads;
    private final Maintenance maintenance;

    JdbcEngine(String description, Db db, EngineOptions options, AutoCloseable ownedPool) {
        this.description = description;
        this.db = db;
        this.ownedPool = ownedPool;
        this.writer = new CommitWriter(db);
        this.reads = new Reads(db, options.pageSize());
        facets(new Snapshots(db, reads), new Positions(db, options.pageSize()));
        this.maintenance = new Maintenance(db);
    }

    /** The engine's connections, for tests that look at what the database holds. */
    Db db() {
        return db;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ_BY_TIME);
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        return writer.commit(attempt);
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        return reads.stream(range);
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        return reads.feed(range);
    }

    @Override
    public long lastCheckpoint() {
        return reads.lastCheckpoint();
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        return reads.byTime(range);
    }

    @Override
    public void deleteStream(StreamKey stream) {
        maintenance.deleteStream(stream);
    }

    @Override
    public void purge(Optional<String> bucketId) {
        maintenance.purge(bucketId);
    }

    /** A drop that fails is followed by {@link #close()} from the caller, so only a drop that succeeds closes. */
    @Override
    public void drop() {
        maintenance.drop();
        close();
    }

    @Override
    public void close() {
        if (ownedPool != null) {
            try {
                ownedPool.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the connection pool of " + description + " failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcEngine[" + description + "]";
    }
}
