package org.jeventstore.engine.dynamodb;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * An engine over one DynamoDB table. Every read is a strongly consistent Query or GetItem, so a reader sees
 * what a commit wrote as soon as the commit returns; every read pages with {@code LastEvaluatedKey}.
 */
final class DynamoDbEngine implements PersistenceEngine {

    private final DynamoDbSettings settings;
    private final DynamoDbClient client;
    private final String table;
    private final CommitWriter writer;
    private final CommitReader reader;
    private final SnapshotStore snapshots;
    private final PositionStore positions;
    private final Deleter deleter;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoDbEngine(DynamoDbSettings settings, DynamoDbClient client, EngineOptions options) {
        this.settings = settings;
        this.client = client;
        this.table = settings.table();
        this.writer = new CommitWriter(client, table, settings.timeout());
        this.reader = new CommitReader(client, table, options.pageSize());
        this.snapshots = new SnapshotStore(client, table, options.pageSize(), settings.timeout());
        this.positions = new PositionStore(client, table, options.pageSize());
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
        return reader.readStream(range);
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
        return reader.readFeed(range);
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
        return snapshots.latest(bucketId, streamId, maxRevision);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        Ids.requireBucketId(bucketId);
        ensureOpen();
        return snapshots.streamsToSnapshot(bucketId, threshold);
    }

    @Override
    public void deleteStream(String bucketId, String streamId) {
        Ids.requireBucketId(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        deleter.deleteStream(bucketId, streamId);
    }

    @Override
    public Optional<Position> position(String name) {
        Ids.requirePositionName(name);
        ensureOpen();
        return positions.position(name);
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
        return positions.positions(namePrefix);
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
