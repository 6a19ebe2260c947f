package org.jeventstore.engine.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Deletes streams and purges buckets. A deleted commit leaves its feed item behind as a tombstone (data
 * removed, {@code dead} set): checkpoints are never reused and the next commit's "c - 1 exists" check keeps
 * working. Each commit goes in one transaction (tombstone, commit item, chunks), so no reader ever sees half a
 * deleted commit; the stream head goes last, so a stream is not re-created over leftovers of a crashed delete.
 */
final class Deleter {

    private static final int BATCH = 100;
    private static final Map<String, String> NAMES = Map.of("#pk", Keys.PK, "#sk", Keys.SK,
            "#cp", CommitItems.CHECKPOINT, "#k", CommitItems.CHUNKS);

    private final DynamoDbClient client;
    private final String table;

    Deleter(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    void deleteStream(String bucketId, String streamId) {
        String what = "deleting stream " + bucketId + "/" + streamId + " of table " + table;
        String partition = Keys.stream(bucketId, streamId);
        try {
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = client.query(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(NAMES)
                        .expressionAttributeValues(Map.of(":pk", Keys.s(partition)))
                        .projectionExpression("#pk, #sk, #cp, #k")
                        .exclusiveStartKey(start).limit(BATCH).build());
                page.items().forEach(this::deleteStreamItem);
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            client.deleteItem(b -> b.tableName(table).key(Keys.key(Keys.heads(bucketId), streamId)));
        } catch (SdkException e) {
            throw Failures.translate(e, what);
        }
    }

    /**
     * Removes every commit, snapshot and head of one bucket, or of all when {@code bucketId} is empty. Two passes:
     * the stream items first, the heads after them all, so that a purge stopped half-way never leaves commits
     * of a stream whose head is gone (a re-created stream would then pass its head check over leftovers).
     */
    void purge(Optional<String> bucketId) {
        String what = "purging " + bucketId.map(bucket -> "bucket " + bucket + " of table ").orElse("table ") + table;
        try {
            scan(item -> {
                String pk = item.get(Keys.PK).s();
                if (pk.startsWith("S|")
                        && bucketId.map(bucket -> bucket.equals(Keys.bucketOfStream(pk))).orElse(true)) {
                    deleteStreamItem(item);
                }
            });
            scan(item -> {
                String pk = item.get(Keys.PK).s();
                if (pk.startsWith("H|") && bucketId.map(bucket -> pk.equals(Keys.heads(bucket))).orElse(true)) {
                    client.deleteItem(b -> b.tableName(table).key(Keys.key(pk, item.get(Keys.SK).s())));
                }
            });
        } catch (SdkException e) {
            throw Failures.translate(e, what);
        }
    }

    /** Hands every item of the table to {@code action}, a page at a time. */
    private void scan(java.util.function.Consumer<Map<String, AttributeValue>> action) {
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = client.scan(ScanRequest.builder().tableName(table).consistentRead(true)
                    .expressionAttributeNames(NAMES)
                    .projectionExpression("#pk, #sk, #cp, #k")
                    .exclusiveStartKey(start).limit(BATCH).build());
            page.items().forEach(action);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private void deleteStreamItem(Map<String, AttributeValue> item) {
        String pk = item.get(Keys.PK).s();
        String sk = item.get(Keys.SK).s();
        if (sk.startsWith(Keys.COMMIT_PREFIX)) {
            deleteCommit(pk, sk, CommitItems.number(item, CommitItems.CHECKPOINT),
                    item.containsKey(CommitItems.CHUNKS) ? (int) CommitItems.number(item, CommitItems.CHUNKS) : 0);
        } else {
            client.deleteItem(b -> b.tableName(table).key(Keys.key(pk, sk)));
        }
    }

    /** Tombstones the feed item, deletes the commit item and its chunks, in one transaction. */
    private void deleteCommit(String pk, String sk, long checkpoint, int chunks) {
        List<TransactWriteItem> items = new ArrayList<>(2 + chunks);
        Map<String, String> names = new HashMap<>();
        names.put("#dead", CommitItems.DEAD);
        names.put("#d", CommitItems.DATA);
        names.put("#k", CommitItems.CHUNKS);
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Keys.key(Keys.FEED, Keys.pad(checkpoint)))
                .updateExpression("SET #dead = :dead REMOVE #d, #k")
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":dead", AttributeValue.fromBool(true)))
                .build()).build());
        items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Keys.key(pk, sk)).build())
                .build());
        for (int i = 0; i < chunks; i++) {
            items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(Keys.key(Keys.chunks(checkpoint), Keys.pad(i))).build()).build());
        }
        client.transactWriteItems(b -> b.transactItems(items));
    }
}
