package org.jeventstore.engine.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StorageException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The write protocol (docs/engines/dynamodb.md, "Write protocol"): one TransactWriteItems per commit that puts
 * the commitId guard, advances the stream head, puts the commit item and feed item <i>c</i>, and checks that
 * feed item <i>c - 1</i> exists. Feed item <i>c</i> can therefore only appear after <i>c - 1</i> committed,
 * which is what keeps late arrivals out of the feed.
 *
 * <p>The last checkpoint is cached, so the common case is a single round trip. Commits of one engine are
 * serialized by a lock: the feed is a chain in which <i>c</i> waits for <i>c - 1</i> anyway, and racing our
 * own threads for the same <i>c</i> would only turn into cancelled transactions.
 */
final class CommitWriter {

    /** Positions of the items in the transaction, to read the cancellation reasons by index. */
    static final int GUARD = 0;
    static final int HEAD = 1;
    static final int COMMIT = 2;
    static final int FEED = 3;
    static final int PREVIOUS = 4;

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient client;
    private final String table;
    private final Duration retryLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastCheckpoint;

    CommitWriter(DynamoDbClient client, String table, Duration retryLimit) {
        this.client = client;
        this.table = table;
        this.retryLimit = retryLimit;
    }

    /** Reads the last checkpoint of the feed, so that the next commit needs no extra round trip. */
    void warmUp() {
        lock.lock();
        try {
            lastCheckpoint = readLastCheckpoint();
        } finally {
            lock.unlock();
        }
    }

    CommitRecord commit(CommitAttempt attempt) {
        CommitItems.Layout layout = CommitItems.layout(attempt);
        String what = "commit of " + attempt.bucketId() + "/" + attempt.streamId() + " to table " + table;
        lock.lock();
        try {
            // the retry budget starts once this commit holds the lock, not while it queues behind others
            Backoff backoff = new Backoff(retryLimit);
            while (true) {
                long checkpoint = lastCheckpoint + 1;
                try {
                    client.transactWriteItems(request(attempt, checkpoint, layout));
                    lastCheckpoint = checkpoint;
                    return new CommitRecord(attempt, checkpoint);
                } catch (TransactionCanceledException e) {
                    List<String> codes = codes(e);
                    if (failed(codes, GUARD)) {
                        throw duplicate(attempt, e);
                    }
                    if (failed(codes, HEAD) || failed(codes, COMMIT)) {
                        if (guardExists(attempt, what)) {
                            throw duplicate(attempt, e);
                        }
                        throw new ConcurrencyException("Stream " + attempt.bucketId() + "/" + attempt.streamId()
                                + " already holds commit sequence " + attempt.commitSequence() + " or revisions "
                                + attempt.firstRevision() + ".." + attempt.streamRevision(), e);
                    }
                    if (failed(codes, FEED) || failed(codes, PREVIOUS)) {
                        // another engine took checkpoint c (or ours is ahead of the feed): learn the real end
                        backoff.check(what);
                        lastCheckpoint = readLastCheckpoint();
                    } else if (codes.stream().anyMatch(Failures.RETRYABLE_REASONS::contains)) {
                        backoff.pause(what);
                    } else {
                        throw new StorageException("DynamoDB cancelled the " + what + " for reasons " + codes, e);
                    }
                } catch (SdkException e) {
                    throw Failures.translate(e, what);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private TransactWriteItemsRequest request(CommitAttempt attempt, long checkpoint, CommitItems.Layout layout) {
        String stream = Keys.stream(attempt.bucketId(), attempt.streamId());
        Map<String, AttributeValue> attributes = CommitItems.attributes(attempt, checkpoint, layout);
        List<TransactWriteItem> items = new ArrayList<>(5 + layout.chunkCount());

        Map<String, AttributeValue> guard = new HashMap<>(Keys.key(stream, Keys.commitId(attempt.commitId())));
        guard.put(CommitItems.CHECKPOINT, Keys.n(checkpoint));
        items.add(TransactWriteItem.builder().put(absentPut(guard)).build());

        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Keys.key(Keys.heads(attempt.bucketId()), attempt.streamId()))
                .updateExpression("SET #seq = :seq, #rev = :rev")
                .conditionExpression("attribute_not_exists(#pk) OR (#seq < :seq AND #rev < :first)")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#seq", CommitItems.SEQUENCE,
                        "#rev", CommitItems.REVISION))
                .expressionAttributeValues(Map.of(":seq", Keys.n(attempt.commitSequence()),
                        ":rev", Keys.n(attempt.streamRevision()), ":first", Keys.n(attempt.firstRevision())))
                .build()).build());

        Map<String, AttributeValue> commit = new HashMap<>(attributes);
        commit.putAll(Keys.key(stream, Keys.commit(attempt.streamRevision())));
        items.add(TransactWriteItem.builder().put(absentPut(commit)).build());

        Map<String, AttributeValue> feed = new HashMap<>(attributes);
        feed.putAll(Keys.key(Keys.FEED, Keys.pad(checkpoint)));
        items.add(TransactWriteItem.builder().put(absentPut(feed)).build());

        if (checkpoint > 1) {
            items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                    .key(Keys.key(Keys.FEED, Keys.pad(checkpoint - 1)))
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK))
                    .build()).build());
        }
        for (int i = 0; i < layout.chunkCount(); i++) {
            Map<String, AttributeValue> chunk = new HashMap<>(Keys.key(Keys.chunks(checkpoint), Keys.pad(i)));
            chunk.put(CommitItems.BUCKET, Keys.s(attempt.bucketId()));
            chunk.put(CommitItems.DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(layout.chunks().get(i))));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(chunk).build()).build());
        }
        return TransactWriteItemsRequest.builder().transactItems(items).build();
    }

    private Put absentPut(Map<String, AttributeValue> item) {
        return Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", Keys.PK))
                .build();
    }

    private static List<String> codes(TransactionCanceledException e) {
        List<String> codes = new ArrayList<>();
        if (e.hasCancellationReasons()) {
            for (CancellationReason reason : e.cancellationReasons()) {
                codes.add(reason.code());
            }
        }
        return codes;
    }

    private static boolean failed(List<String> codes, int index) {
        return index < codes.size() && CONDITION_FAILED.equals(codes.get(index));
    }

    /**
     * Whether the stream already holds this commitId. Asked only when the head refused the commit, because
     * DynamoDB need not report every failed condition of a cancelled transaction, and a redelivered commit
     * must be recognised as a duplicate rather than a conflict.
     */
    private boolean guardExists(CommitAttempt attempt, String what) {
        try {
            return client.getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                    .key(Keys.key(Keys.stream(attempt.bucketId(), attempt.streamId()), Keys.commitId(attempt.commitId())))
                    .projectionExpression("#pk").expressionAttributeNames(Map.of("#pk", Keys.PK))
                    .build()).hasItem();
        } catch (SdkException e) {
            throw Failures.translate(e, what);
        }
    }

    private static DuplicateCommitException duplicate(CommitAttempt attempt, Exception cause) {
        return new DuplicateCommitException("Stream " + attempt.bucketId() + "/" + attempt.streamId()
                + " already holds commit " + attempt.commitId(), cause);
    }

    /** The highest checkpoint in the feed (tombstones included), by a strongly consistent reverse Query. */
    private long readLastCheckpoint() {
        try {
            QueryResponse response = client.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :feed")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":feed", Keys.s(Keys.FEED)))
                    .projectionExpression("#sk")
                    .scanIndexForward(false).limit(1).build());
            return response.items().isEmpty() ? 0 : Long.parseLong(response.items().get(0).get(Keys.SK).s());
        } catch (SdkException e) {
            throw Failures.translate(e, "reading the last checkpoint of table " + table);
        }
    }
}
