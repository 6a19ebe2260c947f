package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the C# engine deletes behind this one's back never makes a writer here take a checkpoint again that a
 * reader may have passed. The deletes are done as the C# code does them, with the same filters.
 */
class CSharpDeletesTest {

    private final String database = InProcessMongo.freshDatabase();
    private final MongoClient raw = MongoClients.create(InProcessMongo.baseUri());
    private final MongoDatabase db = raw.getDatabase(database);

    @AfterEach
    void closeClient() {
        raw.close();
    }

    private MongoEngine open() {
        return MongoEngine.open(MongoSettings.parse(StoreUri.parse(InProcessMongo.baseUri() + "/" + database)),
                EngineOptions.defaults(), builder -> { });
    }

    private static CommitAttempt attempt(String stream, long sequence) {
        return new CommitAttempt("default", stream, sequence, UUID.randomUUID(), sequence, Instant.now(),
                "{}".getBytes(UTF_8), List.of(new EventRecord("{}".getBytes(UTF_8),
                        new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes(UTF_8)))));
    }

    /**
     * C# ≤ 11 {@code EmptyRecycleBin()}, run by every {@code Initialize()}: deletes the {@code :rb} commits below
     * the highest checkpoint (MongoPersistenceEngine.cs, {@code EmptyRecycleBin}: {@code DeleteMany(BucketId ==
     * ":rb" && _id < GetLastCommittedCheckPointNumber())}: 12.0.0 stored version lines 1530-1540, the call commented
     * out at line 178 of its {@code Initialize}; 5.x stored version (buckets, {@code LongCheckpoint}) called at line
     * 131 of {@code Initialize}).
     */
    private void csharpEmptyRecycleBin() {
        BsonDocument highest = db.getCollection("Commits", BsonDocument.class).find()
                .sort(Sorts.descending("_id")).first();
        long last = highest == null ? 0 : highest.getInt64("_id").getValue();
        db.getCollection("Commits").deleteMany(Filters.and(Filters.eq("BucketId", ":rb"), Filters.lt("_id", last)));
    }

    /**
     * C# {@code Purge()}: every document of Commits, Streams and Snapshots (MongoPersistenceEngine.cs {@code Purge},
     * 12.0.0 stored version lines 1134-1146).
     */
    private void csharpPurge() {
        for (String collection : List.of("Commits", "Streams", "Snapshots")) {
            db.getCollection(collection).deleteMany(new BsonDocument());
        }
    }

    @Test
    void writerWhoseLastCheckpointIsStaleNeverTakesACheckpointFreedByCSharpEmptyRecycleBin() {
        try (MongoEngine stale = open(); MongoEngine other = open()) {
            stale.commit(attempt("a", 1));
            other.commit(attempt("b", 1));
            other.commit(attempt("b", 2));
            CommitRecord last = other.commit(attempt("c", 1));
            other.deleteStream(new StreamKey("default", "b"));
            csharpEmptyRecycleBin();

            CommitRecord next = stale.commit(attempt("a", 2));

            assertEquals(last.checkpoint() + 1, next.checkpoint(), "a checkpoint below one a reader has passed");
            try (Stream<CommitRecord> feed = stale.readFeed(FeedRange.after(0))) {
                assertEquals(List.of(1L, last.checkpoint(), next.checkpoint()),
                        feed.map(CommitRecord::checkpoint).toList());
            }
        }
    }

    @Test
    void storeOpenedAfterACSharpPurgeGoesOnAboveEveryStoredPosition() {
        long passed;
        try (MongoEngine engine = open()) {
            engine.commit(attempt("a", 1));
            passed = engine.commit(attempt("a", 2)).checkpoint();
            engine.positions().put(new Position("projection", passed));
        }
        csharpPurge();

        try (MongoEngine reopened = open()) {
            assertEquals(passed + 1, reopened.commit(attempt("a", 1)).checkpoint(),
                    "the projection, at " + passed + ", would never see this commit");
        }
    }
}
