package org.jeventstore.engine.azure.tables;

import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jeventstore.spi.AbstractPersistenceEngine;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;

/**
 * An engine over one Azure table: a partition per stream, one partition for the store-wide feed, one for the
 * positions. See docs/engines/azure-tables.md for the data model, the commit protocol and its crash points.
 */
final class AzureTablesEngine extends AbstractPersistenceEngine {

    private final Entities table;
    private final String name;
    private final int pageSize;
    private final CommitWriter writer;
    private final FeedReader feed;
    private final Removals removals;
    /** Read by the lazy page fetches: a stream opened before close fetches no page after it. */
    private final AtomicBoolean closed = new AtomicBoolean();

    AzureTablesEngine(com.azure.data.tables.TableClient client, String name, int pageSize, Duration resolveAfter,
                      Clock clock, FailurePoint failurePoint) {
        this.table = new Entities(client, this::checkOpen);
        this.name = name;
        this.pageSize = pageSize;
        Checkpoints checkpoints = new Checkpoints(table);
        Resolver resolver = new Resolver(table);
        this.writer = new CommitWriter(table, checkpoints, failurePoint);
        this.feed = new FeedReader(table, checkpoints, resolver, resolveAfter, clock, pageSize);
        this.removals = new Removals(table, checkpoints, resolver);
        facets(new AzureTablesSnapshots(table, pageSize),
                new AzureTablesPositions(table, pageSize));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        return Errors.guard("Commit to " + attempt.bucketId() + "/" + attempt.streamId(),
                () -> writer.commit(attempt));
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        String part = Keys.stream(range.bucketId(), range.streamId());
        String filter = "PartitionKey eq '" + part + "' and RowKey ge '" + Keys.commit(range.minRevision())
                + "' and RowKey lt '" + Keys.COMMIT_END + "'";
        // rows are keyed by their last revision, so the read starts at the first commit reaching minRevision
        // and stops, without fetching further pages, at the first commit starting above maxRevision
        return table.query(filter, null, pageSize)
                .map(row -> new CommitRecord(Blobs.commit(Blobs.get(row.getProperties())),
                        Entities.longOf(row, "Checkpoint")))
                .takeWhile(commit -> commit.firstRevision() <= range.maxRevision());
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        return feed.read(range);
    }

    @Override
    public long lastCheckpoint() {
        return Errors.guard("Reading the last checkpoint", feed::lastCheckpoint);
    }

    @Override
    public void deleteStream(StreamKey stream) {
        removals.deleteStream(stream);
    }

    @Override
    public void purge(Optional<String> bucketId) {
        removals.purge(bucketId);
    }

    @Override
    public void drop() {
        Errors.guard("Dropping table " + name, () -> {
            try {
                table.client().deleteTable();
            } catch (TableServiceException e) {
                if (!Errors.is(e, TableErrorCode.TABLE_NOT_FOUND) && !Entities.isNotFound(e)) {
                    throw e;
                }
            }
            return null;
        });
        close();
    }

    @Override
    public void close() {
        closed.set(true);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The azure-tables engine on table " + name + " is closed");
        }
    }

    @Override
    public String toString() {
        return "AzureTablesEngine[" + name + "]";
    }
}
