package org.jeventstore.engine.azure.tables;

import static com.azure.data.tables.models.TableTransactionActionType.UPDATE_MERGE;
import static com.azure.data.tables.models.TableTransactionActionType.UPSERT_REPLACE;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionFailedException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StreamKey;

/** Snapshot rows in each stream's partition, and the snapshot revision its head entity records. */
final class AzureTablesSnapshots implements SnapshotStore {

    /** How often a snapshot retries after commits changed the stream head under it. */
    private static final int MAX_SNAPSHOT_ATTEMPTS = 100;

    private final Entities table;
    private final int pageSize;

    AzureTablesSnapshots(Entities table, int pageSize) {
        this.table = table;
        this.pageSize = pageSize;
    }

    @Override
    public boolean add(SnapshotRecord snapshot) {
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
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        if (maxRevision < 1) {
            return Optional.empty();
        }
        String filter = "PartitionKey eq '" + Keys.stream(stream.bucketId(), stream.streamId())
                + "' and RowKey ge '" + Keys.snapshot(maxRevision) + "' and RowKey lt '" + Keys.SNAPSHOT_END + "'";
        try (Stream<TableEntity> rows = table.query(filter, null, 1)) {
            return rows.findFirst().map(row -> new SnapshotRecord(stream.bucketId(), stream.streamId(),
                    Entities.longOf(row, "Revision"), Blobs.payload(Blobs.get(row.getProperties()))));
        }
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        // OData cannot subtract, so the threshold is applied here; the range holds only this bucket's heads
        String filter = "PartitionKey ge '" + Keys.bucketPrefix(bucketId) + "' and PartitionKey lt '"
                + Keys.bucketEnd(bucketId) + "' and RowKey eq '" + Keys.HEAD + "'";
        return table.query(filter, List.of("Bucket", "Stream", "HeadRevision", "SnapshotRevision"), pageSize)
                .map(row -> new StreamHead((String) row.getProperty("Bucket"), (String) row.getProperty("Stream"),
                        Entities.longOf(row, "HeadRevision"), Entities.longOf(row, "SnapshotRevision")))
                .filter(head -> head.unsnapshotted() >= threshold);
    }
}
