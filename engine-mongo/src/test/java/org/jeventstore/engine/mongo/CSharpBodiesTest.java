package org.jeventstore.engine.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.jeventstore.EventMessage;
import org.jeventstore.EventSerializer;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.SerializationException;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies between the two languages with {@link EventSerializer#csharpJson()}: the C# driver's class map stores a
 * body with its discriminator {@code _t} (the class name) and its properties under their C# names, which are
 * PascalCase. The event class is NEventStore's own test event, {@code SomeDomainEvent { SomeProperty = "Test" }}
 * (NEventStore.Persistence.MongoDB CommitHeadersSerializationTests.cs, stored version 3366fcba, line 34), in a
 * commit shaped as ToMongoCommit writes it (ExtensionMethods.cs, 5.x stored version 049f9622, lines 29-55, the
 * event's Payload {Headers, Body} at line 39). The names of the body's elements follow the C# driver's AutoMap
 * (element name = property name), which is the driver's behaviour, not NEventStore's source.
 */
class CSharpBodiesTest {

    /** NEventStore's test event, as a Java record with the C# property in camelCase. */
    public record SomeDomainEvent(String someProperty) {
    }

    /** An event with a primitive, which a missing or null C# value must not turn into 0. */
    public record ItemAdded(String sku, int quantity) {
    }

    private final String database = InProcessMongo.freshDatabase();
    private final MongoClient raw = MongoClients.create(InProcessMongo.baseUri());
    private final MongoCollection<BsonDocument> commits = raw.getDatabase(database)
            .getCollection("Commits", BsonDocument.class);

    @AfterEach
    void closeClient() {
        raw.close();
    }

    private EventStore store() {
        return EventStore.builder().engine(InProcessMongo.baseUri() + "/" + database)
                .serializer(EventSerializer.csharpJson())
                .type("SomeDomainEvent", SomeDomainEvent.class)
                .type("ItemAdded", ItemAdded.class)
                .build();
    }

    private void insertCSharpCommit(String streamId, BsonDocument body) {
        commits.insertOne(new BsonDocument("_id", new BsonInt64(commits.countDocuments() + 1))
                .append("CommitId", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD))
                .append("CommitStamp", new BsonDateTime(Instant.parse("2024-01-02T03:04:05Z").toEpochMilli()))
                .append("Headers", new BsonArray())
                .append("Events", new BsonArray(List.of(new BsonDocument("StreamRevision", new BsonInt32(1))
                        .append("Payload", new BsonDocument("Headers", new BsonDocument()).append("Body", body)))))
                .append("StreamRevisionFrom", new BsonInt32(1))
                .append("StreamRevisionTo", new BsonInt32(1))
                .append("BucketId", new BsonString("default"))
                .append("StreamId", new BsonString(streamId))
                .append("CommitSequence", new BsonInt32(1)));
    }

    private static BsonDocument body(String discriminator) {
        return new BsonDocument("_t", new BsonString(discriminator));
    }

    private Object firstBody(EventStore store, String streamId) {
        try (EventStream stream = store.openStream(streamId)) {
            return stream.committedEvents().get(0).body();
        }
    }

    @Test
    void aPascalCaseCSharpBodyIsReadIntoTheJavaRecord() {
        insertCSharpCommit("a", body("SomeDomainEvent").append("SomeProperty", new BsonString("Test")));
        insertCSharpCommit("b", body("ItemAdded").append("Sku", new BsonString("sku-1"))
                .append("Quantity", new BsonInt32(2)));
        try (EventStore store = store()) {
            assertEquals(new SomeDomainEvent("Test"), firstBody(store, "a"));
            assertEquals(new ItemAdded("sku-1", 2), firstBody(store, "b"));
        }
    }

    @Test
    void aBodyWritenHereHasTheCSharpShape() {
        try (EventStore store = store(); EventStream stream = store.createStream("c")) {
            stream.add(EventMessage.of(new SomeDomainEvent("Test")));
            stream.commitChanges(UUID.randomUUID());
        }

        BsonDocument stored = commits.find(Filters.eq("StreamId", "c")).first();
        assertEquals(body("SomeDomainEvent").append("SomeProperty", new BsonString("Test")),
                stored.getArray("Events").get(0).asDocument().getDocument("Payload").getDocument("Body"));
    }

    @Test
    void aCSharpPropertyTheRecordLacksIsAFailureNotIgnored() {
        insertCSharpCommit("d", body("SomeDomainEvent").append("SomeProperty", new BsonString("Test"))
                .append("AddedInCSharpLater", new BsonInt32(1)));
        try (EventStore store = store()) {
            SerializationException e = assertThrows(SerializationException.class, () -> firstBody(store, "d"));
            assertTrue(e.getMessage().contains("AddedInCSharpLater"), e.getMessage());
        }
    }

    /** What the default serializer would read as {@code ItemAdded[sku=null, quantity=0]}. */
    @Test
    void aBodyWhosePropertiesDoNotMatchIsAFailureNotNullsAndZeros() {
        insertCSharpCommit("e", body("ItemAdded").append("sku", new BsonString("camelCase")));
        insertCSharpCommit("f", body("ItemAdded").append("Sku", new BsonString("x")));
        insertCSharpCommit("g", body("ItemAdded").append("Sku", new BsonString("x"))
                .append("Quantity", BsonNull.VALUE));
        try (EventStore store = store()) {
            assertThrows(SerializationException.class, () -> firstBody(store, "e"), "unknown property");
            assertThrows(SerializationException.class, () -> firstBody(store, "f"), "missing property");
            assertThrows(SerializationException.class, () -> firstBody(store, "g"), "null for an int");
        }
    }
}
