package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.Test;

/**
 * The indexes as NEventStore.Persistence.MongoDB 12 creates them. MongoDB refuses an index whose keys equal an
 * existing one's under another name (IndexOptionsConflict, code 85) and mongo-java-server does not, so the
 * commands this engine sends are checked against the C# set, and a store whose C# indexes exist first is opened.
 */
class CSharpIndexesTest {

    /**
     * Collection, name and keys of every index the C# engine creates in {@code Initialize()}, from
     * NEventStore/NEventStore.Persistence.MongoDB src/NEventStore.Persistence.MongoDB/MongoPersistenceEngine.cs.
     * 12.0.0 (the stored version whose async methods share the file and whose {@code Initialize} has
     * {@code // EmptyRecycleBin();}, as the 12.0.0 changelog says): {@code Initialize} at lines 78-180,
     * GetFrom_Checkpoint_Index line 92, GetFrom_Index 105, LogicalKey_Index 120, CommitStamp_Index 134,
     * CommitId_Index 146, Unsnapshotted_Index 162. The later stored version (after 12.0.0, with
     * MongoPersistenceEngine.Logging.cs beside it) also creates BucketStreamRevision_Index on Snapshots and
     * BucketUnsnapshotted_Index on Streams (names in its MongoFields.cs {@code MongoSnapshotIndexes},
     * {@code MongoStreamIndexes}; lines not counted). The index gives no line numbers: these were counted by hand in
     * the stored text.
     */
    private static final List<Index> CSHARP_INDEXES = List.of(
            new Index("Commits", "GetFrom_Checkpoint_Index", keys("BucketId", 1, "_id", 1), true),
            new Index("Commits", "GetFrom_Index",
                    keys("BucketId", 1, "StreamId", 1, "StreamRevisionFrom", 1, "StreamRevisionTo", 1), true),
            new Index("Commits", "LogicalKey_Index", keys("BucketId", 1, "StreamId", 1, "CommitSequence", 1), true),
            new Index("Commits", "CommitStamp_Index", keys("CommitStamp", 1), false),
            new Index("Commits", "CommitId_Index", keys("BucketId", 1, "StreamId", 1, "CommitId", 1), true),
            new Index("Snapshots", "BucketStreamRevision_Index",
                    keys("_id.BucketId", 1, "_id.StreamId", 1, "_id.StreamRevision", -1), false),
            new Index("Streams", "Unsnapshotted_Index", keys("Unsnapshotted", 1), false),
            new Index("Streams", "BucketUnsnapshotted_Index", keys("_id.BucketId", 1, "Unsnapshotted", -1), false));

    record Index(String collection, String name, BsonDocument keys, boolean unique) {
    }

    private static BsonDocument keys(Object... namesAndDirections) {
        BsonDocument keys = new BsonDocument();
        for (int i = 0; i < namesAndDirections.length; i += 2) {
            keys.append((String) namesAndDirections[i], new BsonInt32((Integer) namesAndDirections[i + 1]));
        }
        return keys;
    }

    private final String database = InProcessMongo.freshDatabase();

    private MongoEngine open(CommandRecorder recorder) {
        return MongoEngine.open(MongoSettings.parse(StoreUri.parse(InProcessMongo.baseUri() + "/" + database)),
                EngineOptions.defaults(), builder -> builder.addCommandListener(recorder));
    }

    private static CommitAttempt attempt(String stream) {
        return new CommitAttempt("default", stream, 1, UUID.randomUUID(), 1, Instant.now(), "{}".getBytes(UTF_8),
                List.of(new EventRecord("{}".getBytes(UTF_8),
                        new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes(UTF_8)))));
    }

    private static List<Index> created(List<BsonDocument> createIndexes) {
        List<Index> indexes = new ArrayList<>();
        for (BsonDocument command : createIndexes) {
            String collection = command.getString("createIndexes").getValue();
            for (var value : command.getArray("indexes")) {
                BsonDocument index = value.asDocument();
                indexes.add(new Index(collection, index.getString("name").getValue(), index.getDocument("key"),
                        index.getBoolean("unique", org.bson.BsonBoolean.FALSE).getValue()));
            }
        }
        return indexes;
    }

    @Test
    void everyIndexWithTheKeysOfACSharpIndexHasItsNameAndUniqueness() {
        CommandRecorder recorder = new CommandRecorder();
        open(recorder).close();

        List<Index> ours = created(recorder.take("createIndexes"));
        for (Index index : ours) {
            for (Index csharp : CSHARP_INDEXES) {
                if (csharp.collection().equals(index.collection()) && csharp.keys().equals(index.keys())) {
                    assertEquals(csharp, index, "same keys as a C# index");
                }
                if (csharp.collection().equals(index.collection()) && csharp.name().equals(index.name())) {
                    assertEquals(csharp, index, "same name as a C# index");
                }
            }
        }
        assertTrue(ours.contains(CSHARP_INDEXES.get(0)), "the feed index: " + ours);
        assertTrue(ours.contains(CSHARP_INDEXES.get(5)), "the snapshot index: " + ours);
    }

    @Test
    void storeWhoseCSharpIndexesExistOpensWithoutADuplicateIndex() {
        try (MongoClient client = MongoClients.create(InProcessMongo.baseUri())) {
            MongoDatabase db = client.getDatabase(database);
            for (Index index : CSHARP_INDEXES) {
                db.getCollection(index.collection(), BsonDocument.class).createIndex(index.keys(),
                        new IndexOptions().name(index.name()).unique(index.unique()));
            }
        }

        CommandRecorder recorder = new CommandRecorder();
        try (MongoEngine engine = open(recorder)) {
            CommitRecord stored = engine.commit(attempt("s"));
            try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(0));
                 Stream<CommitRecord> stream = engine.readStream(StreamRange.all("default", "s"))) {
                assertEquals(List.of(stored), feed.toList());
                assertEquals(List.of(stored), stream.toList());
            }
        }
        try (MongoClient client = MongoClients.create(InProcessMongo.baseUri())) {
            for (String collection : List.of("Commits", "Snapshots")) {
                Map<BsonDocument, String> byKeys = new HashMap<>();
                for (BsonDocument index : client.getDatabase(database).getCollection(collection)
                        .listIndexes(BsonDocument.class)) {
                    String other = byKeys.put(index.getDocument("key"), index.getString("name").getValue());
                    assertEquals(null, other, "two indexes of " + collection + " with the keys of "
                            + index.toJson() + " (MongoDB refuses the second one, code 85)");
                }
            }
        }
    }
}
