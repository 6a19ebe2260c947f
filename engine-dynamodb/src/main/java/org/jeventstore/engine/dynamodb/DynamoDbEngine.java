package org.jeventstore.engine.dynamodb;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.spi.AbstractPersistenceEngine;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.StreamKey;
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
final class DynamoDbEngine extends AbstractPersistenceEngine {

    private final DynamoDbSettings settings;
    private final DynamoDbClient client;
    private final String table;
    private final CommitWriter writer;
    private final CommitReader reader;
    private final Deleter deleter;

    private DynamoDbEngine(DynamoDbSettings settings, DynamoDbClient client, EngineOptions options) {
        this.settings = settings;
        this.client = client;
        this.table = settings.table();
        this.writer = new CommitWriter(client, table, settings.timeout());
        this.reader = new CommitReader(client, table, options.pageSize());
        facets(new DynamoDbSnapshots(client, table, options.pageSize(), settings.timeout()),
                new DynamoDbPositions(client, table, options.pageSize()));
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
        return writer.commit(attempt);
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        return reader.readStream(range);
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        return reader.readFeed(range);
    }

    @Override
    public long lastCheckpoint() {
        return reader.lastCheckpoint();
    }

    @Override
    public void deleteStream(StreamKey stream) {
        deleter.deleteStream(stream.bucketId(), stream.streamId());
    }

    @Override
    public void purge(Optional<String> bucketId) {
        deleter.purge(bucketId);
    }

    @Override
    public void drop() {
        TableAdmin.delete(client, table);
        client.close();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "DynamoDbEngine[" + settings.display() + "]";
    }
}
