package org.jeventstore.engine.dynamodb;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StorageException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StreamKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Snapshots (items {@code N<revision>} in the stream's partition) and the stream heads that say which streams
 * need one. A snapshot and the head's snapshot revision are written in one transaction, so
 * {@code streamsToSnapshot} is up to date as soon as {@link #add} returns.
 */
final class DynamoDbSnapshots implements SnapshotStore {

    /** The largest snapshot payload stored: one item, with room for keys under DynamoDB's 400 KB. */
    static final int MAX_SNAPSHOT = 380_000;

    private static final String TYPE = "t";
    private static final String CONTENT_TYPE = "ct";
    /** The head's attribute holding the revision of the stream's latest snapshot. */
    static final String SNAPSHOT_REVISION = "snap";

    private final DynamoDbClient client;
    private final String table;
    private final int pageSize;
    private final Duration retryLimit;

    DynamoDbSnapshots(DynamoDbClient client, String table, int pageSize, Duration retryLimit) {
        this.client = client;
        this.table = table;
        this.pageSize = pageSize;
        this.retryLimit = retryLimit;
    }

    @Override
    public boolean add(SnapshotRecord snapshot) {
        Payload payload = snapshot.payload();
        if (payload.size() + payload.type().length() + payload.contentType().length() > MAX_SNAPSHOT) {
            throw new PayloadTooLargeException("Snapshot of " + snapshot.bucketId() + "/" + snapshot.streamId()
                    + " is " + payload.size() + " bytes; the DynamoDB engine stores snapshots of at most "
                    + MAX_SNAPSHOT + " bytes (one item holds 400 KB)");
        }
        String what = "adding a snapshot to " + snapshot.bucketId() + "/" + snapshot.streamId() + " of table " + table;
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.stream(snapshot.bucketId(), snapshot.streamId()),
                Keys.snapshot(snapshot.streamRevision())));
        item.put(CommitItems.REVISION, Keys.n(snapshot.streamRevision()));
        item.put(TYPE, Keys.s(payload.type()));
        item.put(CONTENT_TYPE, Keys.s(payload.contentType()));
        item.put(CommitItems.DATA, AttributeValue.fromB(SdkBytes.fromByteArray(payload.data())));
        Map<String, AttributeValue> head = Keys.key(Keys.heads(snapshot.bucketId()), snapshot.streamId());
        Backoff backoff = new Backoff(retryLimit);
        try {
            while (true) {
                try {
                    client.transactWriteItems(b -> b.transactItems(
                            TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build(),
                            TransactWriteItem.builder().update(Update.builder().tableName(table).key(head)
                                    .updateExpression("SET #snap = :rev")
                                    .conditionExpression(
                                            "attribute_exists(#pk) AND (attribute_not_exists(#snap) OR #snap < :rev)")
                                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#snap", SNAPSHOT_REVISION))
                                    .expressionAttributeValues(Map.of(":rev", Keys.n(snapshot.streamRevision())))
                                    .build()).build()));
                    return true;
                } catch (TransactionCanceledException e) {
                    String headReason = e.hasCancellationReasons() && e.cancellationReasons().size() > 1
                            ? e.cancellationReasons().get(1).code() : null;
                    if ("ConditionalCheckFailed".equals(headReason)) {
                        return addBesideALaterSnapshot(head, item);
                    }
                    if (!e.hasCancellationReasons() || e.cancellationReasons().stream()
                            .noneMatch(reason -> Failures.RETRYABLE_REASONS.contains(reason.code()))) {
                        throw new StorageException("DynamoDB cancelled " + what, e);
                    }
                    backoff.pause(what);
                }
            }
        } catch (SdkException e) {
            throw Failures.translate(e, what);
        }
    }

    /**
     * After the head refused the snapshot: either the stream does not exist (nothing is written) or its head
     * already records a snapshot at or above this revision, which stays the head's; the snapshot is still kept.
     */
    private boolean addBesideALaterSnapshot(Map<String, AttributeValue> head, Map<String, AttributeValue> item) {
        if (!client.getItem(g -> g.tableName(table).key(head).consistentRead(true)).hasItem()) {
            return false;
        }
        client.putItem(p -> p.tableName(table).item(item));
        return true;
    }

    @Override
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        if (maxRevision < 1) {
            return Optional.empty();
        }
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        try {
            QueryResponse response = client.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.stream(bucketId, streamId)),
                            ":from", Keys.s(Keys.snapshot(0)), ":to", Keys.s(Keys.snapshot(maxRevision))))
                    .scanIndexForward(false).limit(1).build());
            return response.items().stream().findFirst().map(item -> new SnapshotRecord(bucketId, streamId,
                    CommitItems.number(item, CommitItems.REVISION),
                    new Payload(CommitItems.string(item, TYPE), CommitItems.string(item, CONTENT_TYPE),
                            item.get(CommitItems.DATA).b().asByteArray())));
        } catch (SdkException e) {
            throw Failures.translate(e, "reading a snapshot of " + bucketId + "/" + streamId + " of table " + table);
        }
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        String partition = Keys.heads(bucketId);
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Keys.PK))
                .expressionAttributeValues(Map.of(":pk", Keys.s(partition)))
                .build();
        String what = "reading the stream heads of bucket " + bucketId + " of table " + table;
        // DynamoDB filters cannot subtract two attributes, so the threshold is applied here
        return Pages.stream(pageSize, (StreamHead last) -> QueryPager.page(client, query,
                last == null ? null : Keys.key(partition, last.streamId()), pageSize,
                item -> new StreamHead(bucketId, item.get(Keys.SK).s(), CommitItems.number(item, CommitItems.REVISION),
                        item.containsKey(SNAPSHOT_REVISION) ? CommitItems.number(item, SNAPSHOT_REVISION) : 0),
                head -> head.unsnapshotted() >= threshold, head -> false, what));
    }
}
