package org.jeventstore.engine.azure.tables;

import static com.azure.data.tables.models.TableTransactionActionType.DELETE;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionFailedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.spi.StreamKey;

/**
 * Deleting a stream and purging: stream rows go, their feed rows become tombstones first, bounded by the
 * highest checkpoint at the start.
 */
final class Removals {

    /** Azure's limit of actions in one entity-group transaction. */
    private static final int BATCH = 100;

    private final Entities table;
    private final Checkpoints checkpoints;
    private final Resolver resolver;

    Removals(Entities table, Checkpoints checkpoints, Resolver resolver) {
        this.table = table;
        this.checkpoints = checkpoints;
        this.resolver = resolver;
    }

    void deleteStream(StreamKey stream) {
        String filter = "PartitionKey eq '" + Keys.stream(stream.bucketId(), stream.streamId()) + "'";
        Errors.guard("Deleting stream " + stream, () -> {
            removeStreamRows(filter, checkpoints.end());
            return null;
        });
    }

    void purge(Optional<String> bucketId) {
        Errors.guard(bucketId.map(bucket -> "Purging bucket " + bucket).orElse("Purging the store"), () -> {
            long bound = checkpoints.end();
            tombstone(feedUpTo(bound) + bucketId.map(bucket -> " and Bucket eq " + Keys.literal(bucket)).orElse("")
                    + " and (Status eq 'D' or Status eq 'P')");
            removeStreamRows(bucketId.map(bucket -> "PartitionKey ge '" + Keys.bucketPrefix(bucket)
                            + "' and PartitionKey lt '" + Keys.bucketEnd(bucket) + "'")
                    .orElse("PartitionKey ge '" + Keys.STREAMS + "' and PartitionKey lt '" + Keys.STREAMS_END + "'"),
                    bound);
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
                table.deleteIfPresent(action.getEntity().getPartitionKey(), action.getEntity().getRowKey());
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
}
