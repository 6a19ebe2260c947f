package org.jeventstore.engine.azure.tables;

import static com.azure.data.tables.models.TableTransactionActionType.DELETE;
import static com.azure.data.tables.models.TableTransactionActionType.UPDATE_MERGE;
import static com.azure.data.tables.models.TableTransactionActionType.UPSERT_REPLACE;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionFailedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;

/**
 * An engine over one Azure table: a partition per stream, one partition for the store-wide feed, one for the
 * positions. See docs/engines/azure-tables.md for the data model, the commit protocol and its crash points.
 */
final class AzureTablesEngine implements PersistenceEngine {

    /** Azure's limit of actions in one entity-group transaction. */
    private static final int BATCH = 100;
    private static final List<String> POSITION_PROPERTIES = List.of("Name", "Checkpoint", "Lease");

    private final Entities table;
    private final String name;
    private final int pageSize;
    private final Checkpoints checkpoints;
    private final CommitWriter writer;
    /** How often a snapshot retries after commits changed the stream head under it. */
    private static final int MAX_SNAPSHOT_ATTEMPTS = 100;

    private final FeedReader feed;
    private final Resolver resolver;
    private final AtomicBoolean closed = new AtomicBoolean();

    AzureTablesEngine(com.azure.data.tables.TableClient client, String name, int pageSize, Duration resolveAfter,
                      Clock clock, FailurePoint failurePoint) {
        this.table = new Entities(client, this::checkOpen);
        this.name = name;
        this.pageSize = pageSize;
        this.checkpoints = new Checkpoints(table);
        this.writer = new CommitWriter(table, checkpoints, failurePoint);
        this.resolver = new Resolver(table);
        this.feed = new FeedReader(table, resolver, resolveAfter, clock, pageSize);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        checkOpen();
        return Errors.guard("Commit to " + attempt.bucketId() + "/" + attempt.streamId(),
                () -> writer.commit(attempt));
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        Objects.requireNonNull(range, "range");
        checkOpen();
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
        Objects.requireNonNull(range, "range");
        checkOpen();
        return feed.read(range);
    }

    @Override
    public boolean addSnapshot(SnapshotRecord snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        checkOpen();
        byte[] blob = Blobs.payload(snapshot.payload(), "snapshot of " + snapshot.bucketId() + "/"
                + snapshot.streamId() + " at revision " + snapshot.streamRevision());
        String part = Keys.stream(snapshot.bucketId(), snapshot.streamId());
        return Errors.guard("Adding a snapshot", () -> {
            for (int attempt = 1; ; attempt++) {
                Optional<TableEntity> head = table.get(part, Keys.HEAD, List.of("SnapshotRevision"));
                if (head.isEmpty()) {
                    return false;
                }
                TableEntity row = Entities.entity(part, Keys.snapshot(snapshot.streamRevision()))
                        .addProperty("Revision", snapshot.streamRevision());
                Blobs.put(row.getProperties(), blob);
                long highest = Math.max(Entities.longOf(head.get(), "SnapshotRevision"), snapshot.streamRevision());
                // the head is updated only if unchanged since read, so a concurrent delete or a higher
                // snapshot is never overwritten by this one
                TableEntity newHead = Entities.conditional(part, Keys.HEAD, head.get().getETag())
                        .addProperty("SnapshotRevision", highest);
                try {
                    table.transact(List.of(new TableTransactionAction(UPSERT_REPLACE, row),
                            new TableTransactionAction(UPDATE_MERGE, newHead, true)));
                    return true;
                } catch (TableTransactionFailedException e) {
                    if (!Objects.equals(e.getFailedTransactionActionIndex(), 1)) {
                        throw e;
                    }
                    // the head changed meanwhile (a commit): read it again, a bounded number of times
                    if (attempt == MAX_SNAPSHOT_ATTEMPTS) {
                        throw new StorageUnavailableException("Stream " + snapshot.bucketId() + "/"
                                + snapshot.streamId() + " changed " + attempt + " times while adding a snapshot; "
                                + "nothing was written");
                    }
                }
            }
        });
    }

    @Override
    public Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        checkOpen();
        if (maxRevision < 1) {
            return Optional.empty();
        }
        String filter = "PartitionKey eq '" + Keys.stream(bucketId, streamId) + "' and RowKey ge '"
                + Keys.snapshot(maxRevision) + "' and RowKey lt '" + Keys.SNAPSHOT_END + "'";
        try (Stream<TableEntity> rows = table.query(filter, null, 1)) {
            return rows.findFirst().map(row -> new SnapshotRecord(bucketId, streamId,
                    Entities.longOf(row, "Revision"), Blobs.payload(Blobs.get(row.getProperties()))));
        }
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        Ids.requireBucketId(bucketId);
        checkOpen();
        // OData cannot subtract, so the threshold is applied here; the range holds only this bucket's heads
        String filter = "PartitionKey ge '" + Keys.bucketPrefix(bucketId) + "' and PartitionKey lt '"
                + Keys.bucketEnd(bucketId) + "' and RowKey eq '" + Keys.HEAD + "'";
        return table.query(filter, List.of("Bucket", "Stream", "HeadRevision", "SnapshotRevision"), pageSize)
                .map(row -> new StreamHead((String) row.getProperty("Bucket"), (String) row.getProperty("Stream"),
                        Entities.longOf(row, "HeadRevision"), Entities.longOf(row, "SnapshotRevision")))
                .filter(head -> head.unsnapshotted() >= threshold);
    }

    @Override
    public void deleteStream(String bucketId, String streamId) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        checkOpen();
        String filter = "PartitionKey eq '" + Keys.stream(bucketId, streamId) + "'";
        Errors.guard("Deleting stream " + bucketId + "/" + streamId, () -> {
            removeStreamRows(filter, checkpoints.end());
            return null;
        });
    }

    @Override
    public void purge() {
        checkOpen();
        Errors.guard("Purging the store", () -> {
            long bound = checkpoints.end();
            tombstone(feedUpTo(bound) + " and (Status eq 'D' or Status eq 'P')");
            removeStreamRows("PartitionKey ge '" + Keys.STREAMS + "' and PartitionKey lt '" + Keys.STREAMS_END + "'",
                    bound);
            return null;
        });
    }

    @Override
    public void purge(String bucketId) {
        Ids.requireBucketId(bucketId);
        checkOpen();
        Errors.guard("Purging bucket " + bucketId, () -> {
            long bound = checkpoints.end();
            tombstone(feedUpTo(bound) + " and Bucket eq " + Keys.literal(bucketId)
                    + " and (Status eq 'D' or Status eq 'P')");
            removeStreamRows("PartitionKey ge '" + Keys.bucketPrefix(bucketId) + "' and PartitionKey lt '"
                    + Keys.bucketEnd(bucketId) + "'", bound);
            return null;
        });
    }

    /**
     * The feed rows up to {@code bound}: what a purge removes. Commits made after it began are not its business,
     * and leaving them keeps it finite under a steady write load, which would otherwise always leave one more.
     */
    private static String feedUpTo(long bound) {
        return "PartitionKey eq 'feed' and RowKey le '" + Keys.feed(bound) + "'";
    }

    /**
     * Deletes the stream rows of the commits up to checkpoint {@code bound}, in one pass in key order that never
     * starts over, so rows written meanwhile cannot keep it going. A commit row's feed row becomes a tombstone
     * before the row is deleted: if this stops half-way, the commits still in their streams still name their
     * checkpoints, so running the delete again finishes it, and the feed never shows a commit its stream has
     * lost. A stream that gained a commit above {@code bound} (written while this ran) keeps that commit and its
     * other rows (head, end marker, guards, snapshots), so it stays whole: its commit rows sort first in its
     * partition, so they are all seen before any other row of it.
     */
    private void removeStreamRows(String filter, long bound) {
        List<TableTransactionAction> batch = new ArrayList<>();
        String partition = null;
        boolean writtenSince = false;
        try (Stream<TableEntity> rows = table.query(filter, List.of("PartitionKey", "RowKey", "Checkpoint"),
                BATCH)) {
            for (Iterator<TableEntity> it = rows.iterator(); it.hasNext(); ) {
                TableEntity row = it.next();
                if (!row.getPartitionKey().equals(partition)) {
                    submitDeletes(batch);
                    batch = new ArrayList<>();
                    partition = row.getPartitionKey();
                    writtenSince = false;
                }
                if (row.getRowKey().startsWith(Keys.COMMIT)) {
                    long checkpoint = Entities.longOf(row, "Checkpoint");
                    if (checkpoint > bound) {
                        writtenSince = true;
                        continue;
                    }
                    tombstone(checkpoint);
                } else if (writtenSince) {
                    continue;
                }
                if (batch.size() == BATCH) {
                    submitDeletes(batch);
                    batch = new ArrayList<>();
                }
                batch.add(new TableTransactionAction(DELETE, Entities.entity(partition, row.getRowKey())));
            }
        }
        submitDeletes(batch);
    }

    private void submitDeletes(List<TableTransactionAction> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            table.transact(batch);
        } catch (TableTransactionFailedException e) {
            // a row vanished meanwhile (a concurrent delete): delete the others one by one
            for (TableTransactionAction action : batch) {
                deleteIfPresent(action.getEntity().getPartitionKey(), action.getEntity().getRowKey());
            }
        }
    }

    private void deleteIfPresent(String partitionKey, String rowKey) {
        try {
            table.client().deleteEntity(partitionKey, rowKey);
        } catch (TableServiceException e) {
            if (!Entities.isNotFound(e)) {
                throw e;
            }
        }
    }

    /**
     * Tombstones the feed rows that match, in one pass in key order. A PENDING row is resolved first: tombstoning it blindly would let its
     * writer, still in flight, commit to a stream the purge has already passed, and that commit would never
     * reach the feed. Resolved, it is either DONE (its stream rows exist and the purge removes them) or
     * ABORTED (its writer is fenced out and retries under a new checkpoint).
     */
    private void tombstone(String feedFilter) {
        try (Stream<TableEntity> rows = table.query(feedFilter, List.of("RowKey", FeedStatus.PROPERTY, "Part"),
                BATCH)) {
            rows.forEach(row -> {
                TableEntity settled = FeedStatus.PENDING.code().equals(row.getProperty(FeedStatus.PROPERTY))
                        ? resolver.resolve(row) : row;
                if (!FeedStatus.ABORTED.code().equals(settled.getProperty(FeedStatus.PROPERTY))) {
                    tombstone(Keys.checkpointOf(row.getRowKey()));
                }
            });
        }
    }

    /** Replaces a feed row by a tombstone: the payload goes, the checkpoint stays taken. */
    private void tombstone(long checkpoint) {
        try {
            table.client().updateEntityWithResponse(Entities.entity(Keys.FEED, Keys.feed(checkpoint))
                    .addProperty(FeedStatus.PROPERTY, FeedStatus.DELETED.code()),
                    TableEntityUpdateMode.REPLACE, false, null, null);
        } catch (TableServiceException e) {
            if (!Entities.isNotFound(e)) {
                throw e;
            }
        }
    }

    @Override
    public Optional<Position> position(String name) {
        Ids.requirePositionName(name);
        checkOpen();
        return Errors.guard("Reading position " + name, () -> table.get(Keys.POSITIONS, Keys.position(name),
                POSITION_PROPERTIES).map(AzureTablesEngine::positionOf));
    }

    @Override
    public void savePosition(Position position) {
        Objects.requireNonNull(position, "position");
        checkOpen();
        Errors.guard("Saving position " + position.name(), () -> table.client().upsertEntityWithResponse(
                withPosition(Entities.entity(Keys.POSITIONS, Keys.position(position.name())), position),
                TableEntityUpdateMode.REPLACE, null, null));
    }

    /**
     * Absent expected: one insert, which a stored row refuses with 409. Otherwise a read and an update on its
     * ETag, which fails with 412 if any write (a save, another replace) came in between, or 404 after a delete.
     */
    @Override
    public boolean replacePosition(Position expected, Position next) {
        Ids.requireReplacement(expected, next);
        checkOpen();
        return Errors.guard("Replacing position " + next.name(), () -> {
            if (expected == null) {
                try {
                    table.insert(withPosition(Entities.entity(Keys.POSITIONS, Keys.position(next.name())), next));
                    return true;
                } catch (TableServiceException e) {
                    if (Errors.isAlreadyExists(e)) {
                        return false;
                    }
                    throw e;
                }
            }
            Optional<TableEntity> stored = table.get(Keys.POSITIONS, Keys.position(next.name()),
                    POSITION_PROPERTIES);
            if (stored.isEmpty() || !positionOf(stored.get()).equals(expected)) {
                return false;
            }
            TableEntity row = withPosition(Entities.conditional(Keys.POSITIONS, Keys.position(next.name()),
                    stored.get().getETag()), next);
            try {
                table.client().updateEntityWithResponse(row, TableEntityUpdateMode.REPLACE, true, null, null);
                return true;
            } catch (TableServiceException e) {
                if (Errors.isConditionFailed(e) || Entities.isNotFound(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static TableEntity withPosition(TableEntity row, Position position) {
        return row.addProperty("Name", position.name())
                .addProperty("Checkpoint", position.checkpoint())
                .addProperty("Lease", position.lease());
    }

    /** A row written before leases existed has no {@code Lease}: nobody holds it. */
    private static Position positionOf(TableEntity row) {
        Object lease = row.getProperty("Lease");
        return new Position((String) row.getProperty("Name"), Entities.longOf(row, "Checkpoint"),
                lease == null ? "" : (String) lease);
    }

    @Override
    public void deletePosition(String name) {
        Ids.requirePositionName(name);
        checkOpen();
        Errors.guard("Deleting position " + name, () -> {
            deleteIfPresent(Keys.POSITIONS, Keys.position(name));
            return null;
        });
    }

    /**
     * Positions are few (one per dispatcher or subscription), and their keys are escaped or hashed names whose
     * order is not the names' order: the partition is read in pages, filtered and sorted here.
     */
    @Override
    public Stream<Position> positions(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        checkOpen();
        List<Position> matching = new ArrayList<>();
        try (Stream<TableEntity> rows = table.query("PartitionKey eq '" + Keys.POSITIONS + "'",
                POSITION_PROPERTIES, pageSize)) {
            rows.filter(row -> ((String) row.getProperty("Name")).startsWith(namePrefix))
                    .forEach(row -> matching.add(positionOf(row)));
        }
        matching.sort(Comparator.comparing(Position::name));
        return matching.stream();
    }

    @Override
    public void drop() {
        checkOpen();
        try {
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
        } finally {
            close();
        }
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
