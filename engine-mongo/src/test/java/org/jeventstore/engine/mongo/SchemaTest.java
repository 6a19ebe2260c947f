package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.UuidRepresentation;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The indexes an engine creates when it opens, on fresh storage and on storage written before they existed. */
class SchemaTest {

    private final String database = InProcessMongo.freshDatabase();
    private final String uri = InProcessMongo.baseUri() + "/" + database;

    private MongoEngine open() {
        return MongoEngine.open(MongoSettings.parse(StoreUri.parse(uri)), EngineOptions.defaults(), builder -> { });
    }

    private static CommitAttempt attempt(long sequence, long lastRevision, int events) {
        EventRecord event = new EventRecord("{}".getBytes(UTF_8),
                new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes(UTF_8)));
        return new CommitAttempt("default", "s", lastRevision, UUID.randomUUID(), sequence, Instant.now(),
                "{}".getBytes(UTF_8), Collections.nCopies(events, event));
    }

    private static List<CommitRecord> stream(MongoEngine engine) {
        try (Stream<CommitRecord> commits = engine.readStream(StreamRange.all("default", "s"))) {
            return commits.toList();
        }
    }

    @Test
    void everyEventRevisionIsUniqueInItsStream() {
        open().close();

        try (MongoClient client = MongoClients.create(InProcessMongo.baseUri())) {
            BsonDocument index = client.getDatabase(database).getCollection(Fields.COMMITS)
                    .listIndexes(BsonDocument.class).into(new ArrayList<>()).stream()
                    .filter(i -> Fields.EVENT_REVISION_INDEX.equals(i.getString("name").getValue()))
                    .findFirst().orElseThrow();
            assertTrue(index.getBoolean("unique").getValue(), index.toJson());
            assertEquals(List.of(Fields.BUCKET_ID, Fields.STREAM_ID, Fields.EVENTS + "." + Fields.STREAM_REVISION),
                    List.copyOf(index.getDocument("key").keySet()));
        }
    }

    @Test
    @DisplayName("a store whose commits already overlap (written before the index) opens and works as before")
    void storeWhoseCommitsAlreadyOverlapStillOpens() {
        CommitRecord stored;
        try (MongoEngine engine = open()) {
            stored = engine.commit(attempt(1, 3, 3));
        }
        CommitRecord overlapping = new CommitRecord(attempt(2, 3, 1), stored.checkpoint() + 1);
        try (MongoClient client = MongoClients.create(InProcessMongo.baseUri())) {
            MongoCollection<BsonDocument> commits = client.getDatabase(database)
                    .getCollection(Fields.COMMITS, BsonDocument.class);
            commits.dropIndex(Fields.EVENT_REVISION_INDEX);
            commits.insertOne(CommitDocuments.toDocument(overlapping.attempt(), overlapping.checkpoint(),
                    UuidRepresentation.STANDARD));
        }

        try (MongoEngine reopened = open()) {
            assertEquals(List.of(stored, overlapping), stream(reopened));
            CommitRecord next = reopened.commit(attempt(3, 4, 1));
            assertEquals(List.of(stored, overlapping, next), stream(reopened));
        }
    }
}
