package org.jeventstore.engine.dynamodb;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StorageException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An engine over one DynamoDB table. Every read is a strongly consistent Query or GetItem, so a reader sees
 * what a commit wrote as soon as the commit returns; every read pages with {@code LastEvaluatedKey}.
 */
final class DynamoDbEngine implements PersistenceEngine {

    /** The largest snapshot payload stored: one item, with room for keys under DynamoDB's 400 KB. */
    static final int MAX_SNAPSHOT = 380_000;
    /** Chunks of a commit missing right after its feed or commit item was read: a transaction still applying. */
    private static final int CHUNK_READ_ATTEMPTS = 50;

    private static final String TYPE = "t";
    private static final String CONTENT_TYPE = "ct";
    private static final String SNAPSHOT_REVISION = "snap";

    private final DynamoDbSettings settings;
    private final DynamoDbClient client;
    private final String table;
    private final int pageSize;
    private final CommitWriter writer;
    private final Deleter deleter;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoDbEngine(DynamoDbSettings settings, DynamoDbClient client, EngineOptions options) {
        this.settings = settings;
        this.client = client;
        this.table = settings.table();
        this.pageSize = options.pageSize();
        this.writer = new CommitWriter(client, table, settings.timeout());
        this.deleter = new Deleter(client, table);
    }

    /** Builds the client, makes sure the table is there, and reads the last checkpoint. */
    static DynamoDbEngine open(DynamoDbSettings settings, EngineOptions options,
                               List<ExecutionInterceptor> interceptors) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(c -> c.apiCallTimeout(settings.timeout())
                        .executionInterceptors(List.copyOf(interceptors)));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        DynamoDbClient client = builder.build();
        try {
            TableAdmin.ensure(client, settings);
            DynamoDbEngine engine = new DynamoDbEngine(settings, client, options);
            engine.writer.warmUp();
            return engine;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
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
                this::decodeCommit, record -> true, record -> record.firstRevision() > range.maxRevision(), what));
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
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
                    pageSize, this::decodeCommit, record -> true, record -> false, what);
        });
    }

    private CommitRecord decodeCommit(Map<String, AttributeValue> item) {
        return CommitItems.decode(item, this::readChunks);
    }

    /**
     * The chunks of a large commit. A reader that saw the commit or feed item may briefly miss chunks that the
     * same transaction wrote to other partitions while it is still being applied, so a short, bounded re-read
     * covers that window; chunks still missing after it are an error, never skipped.
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
                throw new StorageException("Checkpoint " + checkpoint + " of table " + table + " has " + chunks.size()
                        + " of its " + count + " chunks");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("Interrupted while " + what);
            }
        }
    }

    @Override
    public boolean addSnapshot(SnapshotRecord snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        ensureOpen();
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
        Backoff backoff = new Backoff(settings.timeout());
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
    public Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        if (maxRevision < 1) {
            return Optional.empty();
        }
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
        Ids.requireBucketId(bucketId);
        ensureOpen();
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

    @Override
    public void deleteStream(String bucketId, String streamId) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        deleter.deleteStream(bucketId, streamId);
    }

    @Override
    public OptionalLong position(String name) {
        Ids.requirePositionName(name);
        ensureOpen();
        try {
            GetItemResponse response = client.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(Keys.key(Keys.POSITIONS, name)));
            return response.hasItem() ? OptionalLong.of(CommitItems.number(response.item(), CommitItems.CHECKPOINT))
                    : OptionalLong.empty();
        } catch (SdkException e) {
            throw Failures.translate(e, "reading position " + name + " of table " + table);
        }
    }

    @Override
    public void savePosition(Position position) {
        Objects.requireNonNull(position, "position");
        ensureOpen();
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.POSITIONS, position.name()));
        item.put(CommitItems.CHECKPOINT, Keys.n(position.checkpoint()));
        try {
            client.putItem(p -> p.tableName(table).item(item));
        } catch (SdkException e) {
            throw Failures.translate(e, "saving position " + position.name() + " of table " + table);
        }
    }

    @Override
    public void deletePosition(String name) {
        Ids.requirePositionName(name);
        ensureOpen();
        try {
            client.deleteItem(d -> d.tableName(table).key(Keys.key(Keys.POSITIONS, name)));
        } catch (SdkException e) {
            throw Failures.translate(e, "deleting position " + name + " of table " + table);
        }
    }

    @Override
    public Stream<Position> positions(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        ensureOpen();
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true);
        if (namePrefix.isEmpty()) {
            // DynamoDB refuses an empty string in a key condition
            query.keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK))
                    .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.POSITIONS)));
        } else {
            query.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.POSITIONS), ":prefix", Keys.s(namePrefix)));
        }
        QueryRequest request = query.build();
        String what = "listing positions of table " + table;
        return Pages.stream(pageSize, (Position last) -> QueryPager.page(client, request,
                last == null ? null : Keys.key(Keys.POSITIONS, last.name()), pageSize,
                item -> new Position(item.get(Keys.SK).s(), CommitItems.number(item, CommitItems.CHECKPOINT)),
                position -> true, position -> false, what));
    }

    @Override
    public void purge() {
        ensureOpen();
        deleter.purge(null);
    }

    @Override
    public void purge(String bucketId) {
        Ids.requireBucketId(bucketId);
        ensureOpen();
        deleter.purge(bucketId);
    }

    @Override
    public void drop() {
        ensureOpen();
        try {
            TableAdmin.delete(client, table);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The engine " + this + " is closed");
        }
    }

    @Override
    public String toString() {
        return "DynamoDbEngine[" + settings.display() + "]";
    }
}
