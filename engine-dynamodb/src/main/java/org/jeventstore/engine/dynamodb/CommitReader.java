package org.jeventstore.engine.dynamodb;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.StreamRange;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Stream and feed reads: strongly consistent Queries, one page of {@code pageSize} commits at a time, fetched
 * when the caller consumes the previous one.
 */
final class CommitReader {

    /** Chunks of a commit missing right after its feed or commit item was read: a transaction still applying. */
    private static final int CHUNK_READ_ATTEMPTS = 50;
    private static final long CHUNK_READ_PAUSE_MILLIS = 20;

    private final DynamoDbClient client;
    private final String table;
    private final int pageSize;

    CommitReader(DynamoDbClient client, String table, int pageSize) {
        this.client = client;
        this.table = table;
        this.pageSize = pageSize;
    }

    Stream<CommitRecord> readStream(StreamRange range) {
        String partition = Keys.stream(range.bucketId(), range.streamId());
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                .expressionAttributeValues(Map.of(":pk", Keys.s(partition),
                        ":from", Keys.s(Keys.commit(range.minRevision())), ":to", Keys.s(Keys.COMMITS_END)))
                .build();
        String what = "reading stream " + range.bucketId() + "/" + range.streamId() + " of table " + table;
        return Pages.stream(pageSize, (CommitRecord last) -> QueryPager.page(client, query,
                last == null ? null : Keys.key(partition, Keys.commit(last.streamRevision())), pageSize,
                this::decodeCommit, Objects::nonNull,
                record -> record != null && record.firstRevision() > range.maxRevision(), what));
    }

    Stream<CommitRecord> readFeed(FeedRange range) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", Keys.PK, "#sk", Keys.SK, "#dead", CommitItems.DEAD));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Keys.s(Keys.FEED),
                ":to", Keys.s(Keys.pad(range.toCheckpoint()))));
        String filter = "attribute_not_exists(#dead)";
        if (!range.allBuckets()) {
            names.put("#b", CommitItems.BUCKET);
            values.put(":b", Keys.s(range.bucketId()));
            filter += " AND #b = :b";
        }
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .filterExpression(filter)
                .expressionAttributeNames(names)
                .build();
        String what = "reading the feed of table " + table;
        // each page starts its key range after the last checkpoint seen: DynamoDB refuses a start key on the
        // range's upper bound, which a page ending exactly at toCheckpoint would otherwise pass
        return Pages.stream(pageSize, (CommitRecord last) -> {
            long after = last == null ? range.afterCheckpoint() : last.checkpoint();
            if (after >= range.toCheckpoint()) {
                return List.of();
            }
            Map<String, AttributeValue> pageValues = new HashMap<>(values);
            pageValues.put(":from", Keys.s(Keys.pad(after + 1)));
            return QueryPager.page(client, query.toBuilder().expressionAttributeValues(pageValues).build(), null,
                    pageSize, this::decodeCommit, Objects::nonNull, record -> false, what);
        });
    }

    /**
     * The checkpoint of the feed's last live item, 0 when there is none: a strongly consistent Query of the feed
     * partition in descending order, filtered on tombstones. DynamoDB filters after {@code Limit}, so it follows
     * {@code LastEvaluatedKey} past a run of tombstones at the end; in a store that only appends, the first
     * item read is the answer.
     */
    long lastCheckpoint() {
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .filterExpression("attribute_not_exists(#dead)")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK, "#dead", CommitItems.DEAD))
                .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.FEED)))
                .projectionExpression("#sk")
                .scanIndexForward(false)
                .limit(pageSize)
                .build();
        Map<String, AttributeValue> start = null;
        while (true) {
            QueryResponse response;
            try {
                response = client.query(query.toBuilder().exclusiveStartKey(start).build());
            } catch (SdkException e) {
                throw Failures.translate(e, "reading the last checkpoint of table " + table);
            }
            if (!response.items().isEmpty()) {
                return Long.parseLong(response.items().get(0).get(Keys.SK).s());
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return 0;
            }
            start = response.lastEvaluatedKey();
        }
    }

    /** The commit of an item, or {@code null} for a commit deleted while it was being read. */
    private CommitRecord decodeCommit(Map<String, AttributeValue> item) {
        try {
            return CommitItems.decode(item, this::readChunks);
        } catch (DeletedMeanwhile gone) {
            return null;
        }
    }

    /** The chunks of a commit vanished because the commit was deleted: a gap, not an error. */
    private static final class DeletedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeletedMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** Whether the feed item of {@code checkpoint} is a tombstone (or gone): its commit was deleted. */
    private boolean deleted(long checkpoint, String what) {
        try {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Keys.key(Keys.FEED, Keys.pad(checkpoint)))).item();
            return item == null || item.isEmpty() || item.containsKey(CommitItems.DEAD);
        } catch (SdkException e) {
            throw Failures.translate(e, what);
        }
    }

    /**
     * The chunks of a large commit. A reader that saw the commit or feed item may briefly miss chunks that the
     * same transaction wrote to other partitions while it is still being applied, so a short, bounded re-read
     * covers that window; chunks still missing after it are a retryable {@link StorageUnavailableException}
     * (a reader retries and meets the whole commit later), never skipped.
     */
    private byte[] readChunks(long checkpoint, int count) {
        String what = "reading the chunks of checkpoint " + checkpoint + " of table " + table;
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Keys.PK))
                .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.chunks(checkpoint))))
                .build();
        for (int attempt = 1; ; attempt++) {
            List<byte[]> chunks = QueryPager.page(client, query, null, count + 1,
                    item -> item.get(CommitItems.DATA).b().asByteArrayUnsafe(), chunk -> true, chunk -> false, what);
            if (chunks.size() == count) {
                ByteArrayOutputStream blob = new ByteArrayOutputStream(count * CommitItems.CHUNK_SIZE);
                chunks.forEach(blob::writeBytes);
                return blob.toByteArray();
            }
            if (attempt == CHUNK_READ_ATTEMPTS) {
                if (deleted(checkpoint, what)) {
                    throw new DeletedMeanwhile();
                }
                // retryable: the chunks may yet arrive, and skipping the commit would lose it for good
                throw new StorageUnavailableException("Checkpoint " + checkpoint + " of table " + table + " has "
                        + chunks.size() + " of its " + count + " chunks after " + CHUNK_READ_ATTEMPTS + " reads: the "
                        + "transaction that wrote it is still being applied there; retry later");
            }
            try {
                Thread.sleep(CHUNK_READ_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("Interrupted while " + what);
            }
        }
    }
}
