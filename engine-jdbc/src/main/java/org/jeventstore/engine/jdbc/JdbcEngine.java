package org.jeventstore.engine.jdbc;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;

/**
 * The SPI facade: checks arguments and state, then delegates; the SQL lives in the classes it delegates to. It
 * closes the pool only if it created it.
 */
final class JdbcEngine implements PersistenceEngine {

    private final String description;
    private final Db db;
    private final AutoCloseable ownedPool;
    private final CommitWriter writer;
    private final Reads reads;
    private final Snapshots snapshots;
    private final Positions positions;
    private final Maintenance maintenance;
    private volatile boolean closed;

    JdbcEngine(String description, Db db, EngineOptions options, AutoCloseable ownedPool) {
        this.description = description;
        this.db = db;
        this.ownedPool = ownedPool;
        this.writer = new CommitWriter(db);
        this.reads = new Reads(db, options.pageSize());
        this.snapshots = new Snapshots(db);
        this.positions = new Positions(db, options.pageSize());
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
        Objects.requireNonNull(attempt, "attempt");
        ensureOpen();
        return writer.commit(attempt);
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
        return reads.stream(range);
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
        return reads.feed(range);
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
        return reads.byTime(range);
    }

    @Override
    public boolean addSnapshot(SnapshotRecord snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        ensureOpen();
        return snapshots.add(snapshot);
    }

    @Override
    public Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        return snapshots.at(bucketId, streamId, maxRevision);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        Ids.requireBucketId(bucketId);
        ensureOpen();
        return reads.heads(bucketId, threshold);
    }

    @Override
    public void deleteStream(String bucketId, String streamId) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        maintenance.deleteStream(bucketId, streamId);
    }

    @Override
    public Optional<Position> position(String name) {
        Ids.requirePositionName(name);
        ensureOpen();
        return positions.read(name);
    }

    @Override
    public void savePosition(Position position) {
        Objects.requireNonNull(position, "position");
        ensureOpen();
        positions.save(position);
    }

    @Override
    public boolean replacePosition(Position expected, Position next) {
        Ids.requireReplacement(expected, next);
        ensureOpen();
        return positions.replace(expected, next);
    }

    @Override
    public void deletePosition(String name) {
        Ids.requirePositionName(name);
        ensureOpen();
        positions.delete(name);
    }

    @Override
    public Stream<Position> positions(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        ensureOpen();
        return positions.list(namePrefix);
    }

    @Override
    public void purge() {
        ensureOpen();
        maintenance.purge(null);
    }

    @Override
    public void purge(String bucketId) {
        Ids.requireBucketId(bucketId);
        ensureOpen();
        maintenance.purge(bucketId);
    }

    @Override
    public void drop() {
        ensureOpen();
        try {
            maintenance.drop();
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownedPool != null) {
            try {
                ownedPool.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the connection pool of " + description + " failed", e);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The engine " + description + " is closed");
        }
    }

    @Override
    public String toString() {
        return "JdbcEngine[" + description + "]";
    }
}
