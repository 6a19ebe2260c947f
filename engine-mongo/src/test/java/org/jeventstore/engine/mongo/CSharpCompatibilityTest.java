package org.jeventstore.engine.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
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
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.Snapshot;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store shared with NEventStore.Persistence.MongoDB (C#): documents inserted here as raw BSON, shaped exactly as
 * the C# engine writes them (C# legacy GUIDs, "array of arrays" commit headers, bodies with the {@code _t}
 * discriminator, a recycle-bin commit), are read through the public API; and what the public API writes has the
 * C# shape, field by field and type by type.
 */
class CSharpCompatibilityTest {

    /** A C# event class, named by its discriminator; its properties spelled as the C# class map wrote them. */
    public record ItemAdded(String sku, int quantity) {
    }

    /** A C# snapshot payload. */
    public record CartState(int items) {
    }

    private static final UUID FIRST_COMMIT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final UUID SECOND_COMMIT = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static final Instant STAMP = Instant.parse("2019-05-06T07:08:09.123Z");

    private final String database = InProcessMongo.freshDatabase();
    private final String uri = InProcessMongo.baseUri() + "/" + database + "?uuidRepresentation=csharpLegacy";
    private final MongoClient raw = MongoClients.create(InProcessMongo.baseUri());
    private final MongoDatabase db = raw.getDatabase(database);
    private final MongoCollection<BsonDocument> commits = db.getCollection("Commits", BsonDocument.class);

    @AfterEach
    void closeClient() {
        raw.close();
    }

    private static BsonBinary csharpGuid(UUID uuid) {
        return new BsonBinary(uuid, UuidRepresentation.C_SHARP_LEGACY);
    }

    private static BsonDocument event(int revision, BsonDocument headers, BsonDocument body) {
        return new BsonDocument("StreamRevision", new BsonInt32(revision))
                .append("Payload", new BsonDocument("Headers", headers).append("Body", body));
    }

    private static BsonDocument itemAdded(Object discriminator, String sku, int quantity) {
        BsonDocument body = new BsonDocument("_t", discriminator instanceof String s ? new BsonString(s)
                : new BsonArray(((List<?>) discriminator).stream().map(o -> new BsonString((String) o)).toList()));
        return body.append("sku", new BsonString(sku)).append("quantity", new BsonInt32(quantity));
    }

    /**
     * Two commits of cart-42 (three events), a snapshot at revision 2, and a deleted commit in the recycle bin, in
     * the shapes of NEventStore.Persistence.MongoDB's source (stored versions; lines counted by hand):
     * commits as {@code ToMongoCommit} writes them (ExtensionMethods.cs 5.x 049f9622 lines 29-55: field order, Int64
     * {@code _id}, Int32 revisions and sequence, Payload {Headers, Body} at line 39, {@code Dispatched} at line 48),
     * Headers as C# 12's ArrayOfArrays (MongoCommit.cs f1eb3e50 line 43) in the first commit and as a 5.x document in
     * the second, C# legacy GUIDs (C# ≤ 10); the recycle bin as {@code DeleteStream} leaves it (BucketId set to
     * ":rb", 12.0.0 MongoPersistenceEngine.cs lines 1225-1231); the snapshot as {@code ToMongoSnapshot}
     * (ExtensionMethods.cs 5.x lines 87-100: {@code _id: {BucketId, StreamId, StreamRevision}}, Payload). This mixes
     * eras on purpose: a store upgraded from 5.x holds all of them. Bodies: the C# driver's class map writes
     * {@code _t} (a string, or the class hierarchy as an array for a hierarchical discriminator) and the
     * properties as named; the camelCase names here are those the Java records read, not PascalCase C# names
     * (item 3 of issue 12 is about those).
     */
    private void insertCSharpStore() {
        commits.insertOne(new BsonDocument("_id", new BsonInt64(1))
                .append("CommitId", csharpGuid(FIRST_COMMIT))
                .append("CommitStamp", new BsonDateTime(STAMP.toEpochMilli()))
                .append("Headers", new BsonArray(List.of(
                        new BsonArray(List.of(new BsonString("user"), new BsonString("alice"))),
                        new BsonArray(List.of(new BsonString("attempt"), new BsonInt32(3))))))
                .append("Events", new BsonArray(List.of(
                        event(1, new BsonDocument(), itemAdded("ItemAdded", "sku-1", 2)),
                        event(2, new BsonDocument("origin", new BsonString("web")),
                                itemAdded(List.of("DomainEvent", "ItemAdded"), "sku-2", 1)))))
                .append("Dispatched", BsonBoolean.TRUE)
                .append("StreamRevisionFrom", new BsonInt32(1))
                .append("StreamRevisionTo", new BsonInt32(2))
                .append("BucketId", new BsonString("default"))
                .append("StreamId", new BsonString("cart-42"))
                .append("CommitSequence", new BsonInt32(1)));
        commits.insertOne(new BsonDocument("_id", new BsonInt64(2))
                .append("CommitId", csharpGuid(SECOND_COMMIT))
                .append("CommitStamp", new BsonDateTime(STAMP.plusSeconds(1).toEpochMilli()))
                .append("Headers", new BsonDocument())
                .append("Events", new BsonArray(List.of(event(3, new BsonDocument(), itemAdded("ItemAdded", "sku-3", 7)))))
                .append("StreamRevisionFrom", new BsonInt32(3))
                .append("StreamRevisionTo", new BsonInt32(3))
                .append("BucketId", new BsonString("default"))
                .append("StreamId", new BsonString("cart-42"))
                .append("CommitSequence", new BsonInt32(2)));
        commits.insertOne(new BsonDocument("_id", new BsonInt64(3))
                .append("CommitId", csharpGuid(UUID.randomUUID()))
                .append("CommitStamp", new BsonDateTime(STAMP.toEpochMilli()))
                .append("Headers", new BsonDocument())
                .append("Events", new BsonArray(List.of(event(1, new BsonDocument(), itemAdded("ItemAdded", "x", 1)))))
                .append("StreamRevisionFrom", new BsonInt32(1))
                .append("StreamRevisionTo", new BsonInt32(1))
                .append("BucketId", new BsonString(":rb"))
                .append("StreamId", new BsonString("deleted-cart"))
                .append("CommitSequence", new BsonInt32(1)));
        db.getCollection("Snapshots", BsonDocument.class).insertOne(new BsonDocument("_id",
                new BsonDocument("BucketId", new BsonString("default")).append("StreamId", new BsonString("cart-42"))
                        .append("StreamRevision", new BsonInt32(2)))
                .append("Payload", new BsonDocument("_t", new BsonString("CartState")).append("items", new BsonInt32(3))));
    }

    private EventStore store() {
        return EventStore.builder().engine(uri)
                .type("ItemAdded", ItemAdded.class)
                .type("CartState", CartState.class)
                .build();
    }

    @Test
    void storeWrittenByTheCSharpEngineIsReadThroughThePublicApi() {
        insertCSharpStore();
        try (EventStore store = store()) {
            try (EventStream cart = store.openStream("cart-42")) {
                assertEquals(List.of(new ItemAdded("sku-1", 2), new ItemAdded("sku-2", 1), new ItemAdded("sku-3", 7)),
                        cart.committedEvents().stream().map(EventMessage::body).toList());
                assertEquals(Map.of("origin", "web"), cart.committedEvents().get(1).headers());
                assertEquals(3, cart.streamRevision());
                assertEquals(2, cart.commitSequence());
            }
            try (Stream<Commit> feed = store.advanced().readAll(0)) {
                List<Commit> all = feed.toList();
                assertEquals(List.of(1L, 2L), all.stream().map(Commit::checkpoint).toList());
                assertEquals(List.of(FIRST_COMMIT, SECOND_COMMIT), all.stream().map(Commit::commitId).toList());
                assertEquals(Map.of("user", "alice", "attempt", 3), all.get(0).headers());
                assertEquals(STAMP, all.get(0).commitStamp());
            }
            Snapshot snapshot = store.advanced().snapshot("default", "cart-42", Long.MAX_VALUE).orElseThrow();
            assertEquals(new CartState(3), snapshot.payload());
            assertEquals(2, snapshot.streamRevision());
        }
    }

    /**
     * A C# commit of cart {@code streamId}, in the shape of {@link #insertCSharpStore}. C# checks stream ids only
     * with {@code Guard.NotNullOrWhiteSpace} (NEventStore CommitAttempt.cs, stored version 0d0c854c, lines 82-83
     * counted by hand), so it stores ids of any length and with control characters, which this library does not
     * write.
     */
    private static BsonDocument csharpCommit(long checkpoint, String streamId) {
        return new BsonDocument("_id", new BsonInt64(checkpoint))
                .append("CommitId", csharpGuid(UUID.randomUUID()))
                .append("CommitStamp", new BsonDateTime(STAMP.toEpochMilli()))
                .append("Headers", new BsonDocument())
                .append("Events", new BsonArray(List.of(event(1, new BsonDocument(), itemAdded("ItemAdded", "y", 1)))))
                .append("StreamRevisionFrom", new BsonInt32(1))
                .append("StreamRevisionTo", new BsonInt32(1))
                .append("BucketId", new BsonString("default"))
                .append("StreamId", new BsonString(streamId))
                .append("CommitSequence", new BsonInt32(1));
    }

    @Test
    void readAllLastCheckpointAndSubscriptionsDeliverCommitsWithForeignIdsAsStored() throws Exception {
        String bell = "bell\u0007";
        String tooLong = "c".repeat(300);
        insertCSharpStore();
        commits.insertOne(CommitDocuments.filler(4, STAMP, UuidRepresentation.C_SHARP_LEGACY));
        commits.insertOne(csharpCommit(5, bell));
        commits.insertOne(csharpCommit(6, tooLong));
        List<Commit> delivered = new CopyOnWriteArrayList<>();

        try (EventStore store = store()) {
            try (Stream<Commit> feed = store.advanced().readAll(0)) {
                List<Commit> all = feed.toList();
                assertEquals(List.of(1L, 2L, 5L, 6L), all.stream().map(Commit::checkpoint).toList());
                assertEquals(List.of("cart-42", "cart-42", bell, tooLong),
                        all.stream().map(Commit::streamId).toList());
                assertEquals(new ItemAdded("y", 1), all.get(3).events().get(0).body());
            }
            assertEquals(6, store.advanced().lastCheckpoint(),
                    "the recycle bin (3) and a filler (4) are not in the feed; foreign ids (5, 6) are");
            try (Subscription subscription = store.subscribe(2, delivered::add,
                    SubscriptionOptions.defaults().withPollInterval(Duration.ofMillis(50)))) {
                assertTrue(subscription.awaitPosition(6, Duration.ofSeconds(10)));
            }
            assertEquals(List.of(bell, tooLong), delivered.stream().map(Commit::streamId).toList());
        }
    }

    @Test
    void streamsWithForeignIdsAreReadOnly() {
        insertCSharpStore();
        commits.insertOne(csharpCommit(4, "bell\u0007"));
        try (EventStore store = store()) {
            IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                    () -> store.openStream("bell\u0007"));
            assertEquals("streamId must not contain control characters", open.getMessage());
            IllegalArgumentException create = assertThrows(IllegalArgumentException.class,
                    () -> store.createStream("c".repeat(300)));
            assertEquals("streamId is longer than 256 characters", create.getMessage());
        }
        assertEquals(4, commits.countDocuments(), "nothing was written");
    }

    @Test
    void commitWrittenThroughThePublicApiHasTheCSharpShape() {
        insertCSharpStore();
        UUID commitId = UUID.randomUUID();
        Commit written;
        try (EventStore store = store(); EventStream cart = store.openStream("cart-42")) {
            cart.add(EventMessage.of(new ItemAdded("sku-4", 5)));
            written = cart.commitChanges(commitId);
            assertEquals(3, written.checkpoint() - 1, "the recycle bin's checkpoint 3 stays taken");
        }

        BsonDocument stored = commits.find(Filters.eq("_id", written.checkpoint())).first();

        BsonDocument expected = new BsonDocument("_id", new BsonInt64(4))
                .append("CommitId", csharpGuid(commitId))
                .append("CommitStamp", new BsonDateTime(written.commitStamp().toEpochMilli()))
                // C# 12's MongoCommit.Headers is ArrayOfArrays (MongoCommit.cs, stored version f1eb3e50, line 43)
                .append("Headers", new BsonArray())
                .append("Events", new BsonArray(List.of(event(4, new BsonDocument(), itemAdded("ItemAdded", "sku-4", 5)))))
                .append("StreamRevisionFrom", new BsonInt32(4))
                .append("StreamRevisionTo", new BsonInt32(4))
                .append("BucketId", new BsonString("default"))
                .append("StreamId", new BsonString("cart-42"))
                .append("CommitSequence", new BsonInt32(3));
        assertEquals(expected.toJson(), stored.toJson(), "same fields, order and BSON types");
        assertEquals(3, stored.getBinary("CommitId").getType(), "C# legacy GUID subtype");
    }

    @Test
    void snapshotWrittenThroughThePublicApiHasTheCSharpShape() {
        insertCSharpStore();
        try (EventStore store = store()) {
            store.advanced().addSnapshot(Snapshot.of("cart-42", 3, new CartState(4)));
        }

        BsonDocument id = new BsonDocument("BucketId", new BsonString("default"))
                .append("StreamId", new BsonString("cart-42")).append("StreamRevision", new BsonInt32(3));
        BsonDocument stored = db.getCollection("Snapshots", BsonDocument.class).find(Filters.eq("_id", id)).first();

        assertEquals(new BsonDocument("_id", id).append("Payload",
                new BsonDocument("_t", new BsonString("CartState")).append("items", new BsonInt32(4))).toJson(),
                stored.toJson());
    }
}
