package org.jeventstore.engine.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.jeventstore.Commit;
import org.jeventstore.EventStore;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Importing the dispatch state of a C# 5.x store, whose dispatcher marked each commit it had delivered with
 * {@code Dispatched: true}: {@link MongoEngines#dispatchedCheckpoint} gives the checkpoint the dispatcher can start
 * after ({@code SubscriptionOptions.withStartAfter}) instead of redelivering all history.
 */
class CSharpDispatchedTest {

    /** A C# event class, named by its discriminator. */
    public record ItemAdded(String sku) {
    }

    private final String database = InProcessMongo.freshDatabase();
    private final MongoClient client = MongoClients.create(InProcessMongo.baseUri() + "/?uuidRepresentation=csharpLegacy");
    private final MongoCollection<BsonDocument> commits = client.getDatabase(database)
            .getCollection("Commits", BsonDocument.class);

    @AfterEach
    void closeClient() {
        client.close();
    }

    /**
     * A commit as NEventStore.Persistence.MongoDB 5.x writes it: ExtensionMethods.cs {@code ToMongoCommit} (stored
     * version 049f9622, lines 29-55): {@code _id} the Int64 checkpoint, CommitId a GUID (C# legacy, subtype 3, the
     * driver's default then), CommitStamp, Headers as a document ({@code BsonDocumentWrapper.Create(commit.Headers)},
     * line 46), Events of {StreamRevision, Payload} with Payload the EventMessage's document ({Headers, Body}, line
     * 39), {@code Dispatched: false} (line 48), then StreamRevisionFrom/To, BucketId, StreamId, CommitSequence as
     * Int32. The 5.x MongoPersistenceEngine.cs (stored version with buckets and {@code LongCheckpoint}; lines
     * counted by hand) asks for {@code Dispatched == false} in {@code GetUndispatchedCommits} (lines 256-264, the
     * query at 261) and {@code MarkCommitAsDispatched} (lines 266-276) sets {@code Dispatched} to true (line 273) on
     * the commit found by {@code ToMongoCommitIdQuery}: BucketId, StreamId and CommitSequence.
     */
    private static BsonDocument csharp5Commit(long checkpoint, String bucket, String stream, int sequence,
                                              boolean dispatched) {
        return new BsonDocument("_id", new BsonInt64(checkpoint))
                .append("CommitId", new BsonBinary(UUID.randomUUID(), UuidRepresentation.C_SHARP_LEGACY))
                .append("CommitStamp", new BsonDateTime(Instant.parse("2015-01-02T03:04:05Z").toEpochMilli()))
                .append("Headers", new BsonDocument())
                .append("Events", new BsonArray(List.of(new BsonDocument("StreamRevision", new BsonInt32(sequence))
                        .append("Payload", new BsonDocument("Headers", new BsonDocument())
                                .append("Body", new BsonDocument("_t", new BsonString("ItemAdded"))
                                        .append("sku", new BsonString("sku-" + checkpoint)))))))
                .append("Dispatched", BsonBoolean.valueOf(dispatched))
                .append("StreamRevisionFrom", new BsonInt32(sequence))
                .append("StreamRevisionTo", new BsonInt32(sequence))
                .append("BucketId", new BsonString(bucket))
                .append("StreamId", new BsonString(stream))
                .append("CommitSequence", new BsonInt32(sequence));
    }

    private long dispatchedCheckpoint() {
        return MongoEngines.dispatchedCheckpoint(client, database, MongoEngineOptions.defaults());
    }

    @Test
    void theDispatchedCheckpointIsTheHighestBelowWhichEveryCommitIsDispatched() {
        assertEquals(0, dispatchedCheckpoint(), "an empty store");
        commits.insertOne(csharp5Commit(1, "default", "a", 1, true));
        commits.insertOne(csharp5Commit(2, "default", "a", 2, true));
        commits.insertOne(csharp5Commit(3, "default", "b", 1, false));
        commits.insertOne(csharp5Commit(4, "default", "a", 3, true));
        commits.insertOne(csharp5Commit(5, "default", "b", 2, false));

        assertEquals(2, dispatchedCheckpoint(), "commit 3 is not dispatched: 4, although dispatched, is after it");
    }

    @Test
    void everyCommitDispatchedGivesTheHighestCheckpoint() {
        commits.insertOne(csharp5Commit(1, "default", "a", 1, true));
        commits.insertOne(csharp5Commit(2, "default", "a", 2, true));

        assertEquals(2, dispatchedCheckpoint());
    }

    /** 5.x DeleteStream moved a stream's commits to the recycle bin (bucket ":rb") as they were, flags and all. */
    @Test
    void deletedCommitsDoNotHoldTheCheckpointBack() {
        commits.insertOne(csharp5Commit(1, "default", "a", 1, true));
        commits.insertOne(csharp5Commit(2, ":rb", "gone", 1, false));
        commits.insertOne(csharp5Commit(3, "default", "a", 2, true));
        commits.insertOne(csharp5Commit(4, "default", "b", 1, false));

        assertEquals(3, dispatchedCheckpoint());
    }

    @Test
    void aDispatcherStartedAfterTheDispatchedCheckpointDeliversOnlyWhatCSharpDidNotDispatch() throws Exception {
        commits.insertOne(csharp5Commit(1, "default", "a", 1, true));
        commits.insertOne(csharp5Commit(2, "default", "a", 2, true));
        commits.insertOne(csharp5Commit(3, "default", "b", 1, false));
        List<Commit> delivered = new CopyOnWriteArrayList<>();

        SubscriptionOptions options = SubscriptionOptions.defaults().withPollInterval(Duration.ofMillis(50))
                .withStartAfter(dispatchedCheckpoint());
        try (EventStore store = EventStore.builder()
                .engine(MongoEngines.open(client, database))
                .type("ItemAdded", ItemAdded.class)
                .dispatchTo("dispatcher", delivered::add, DispatchMode.ASYNCHRONOUS, options)
                .build()) {
            Subscription dispatcher = store.dispatcher().orElseThrow();
            assertTrue(dispatcher.awaitPosition(3, Duration.ofSeconds(10)));
            assertEquals(List.of(3L), delivered.stream().map(Commit::checkpoint).toList());
            assertEquals(new ItemAdded("sku-3"), delivered.get(0).events().get(0).body());
        }
    }
}
