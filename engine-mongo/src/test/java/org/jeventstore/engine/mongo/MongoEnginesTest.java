package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.ConnectionPoolClosedEvent;
import com.mongodb.event.ConnectionPoolListener;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.Test;

/** Engines over the application's own client or client settings ({@link MongoEngines}). */
class MongoEnginesTest {

    /** An event. */
    public record Added(int n) {
    }

    private static final UUID COMMIT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    private final String database = InProcessMongo.freshDatabase();

    private static MongoClientSettings.Builder settings() {
        return MongoClientSettings.builder().applyConnectionString(new ConnectionString(InProcessMongo.baseUri()));
    }

    private static CommitAttempt attempt(String stream, UUID commitId) {
        return new CommitAttempt("default", stream, 1, commitId, 1, Instant.now(), "{}".getBytes(UTF_8),
                List.of(new EventRecord("{}".getBytes(UTF_8),
                        new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes(UTF_8)))));
    }

    private MongoCollection<BsonDocument> commits(MongoClient client) {
        return client.getDatabase(database).getCollection("Commits", BsonDocument.class);
    }

    @Test
    void closingAnEngineOrStoreLeavesTheApplicationsClientOpen() {
        try (MongoClient client = MongoClients.create(settings().build())) {
            PersistenceEngine engine = MongoEngines.open(client, database);
            engine.commit(attempt("s", UUID.randomUUID()));
            engine.close();
            try (EventStore store = EventStore.builder().engine(MongoEngines.open(client, database))
                    .type("added", Added.class).build();
                 EventStream stream = store.openStream("t")) {
                stream.add(EventMessage.of(new Added(2)));
                stream.commitChanges(UUID.randomUUID());
            }

            assertEquals(2, commits(client).countDocuments(), "the client still works after both closed");
        }
    }

    @Test
    void engineOverClientSettingsClosesTheClientItCreated() {
        AtomicBoolean closed = new AtomicBoolean();
        ConnectionPoolListener listener = new ConnectionPoolListener() {
            @Override
            public void connectionPoolClosed(ConnectionPoolClosedEvent event) {
                closed.set(true);
            }
        };
        MongoClientSettings own = settings().applyToConnectionPoolSettings(pool -> pool.addConnectionPoolListener(
                listener)).build();
        PersistenceEngine engine = MongoEngines.open(own, database, MongoEngineOptions.defaults());
        engine.commit(attempt("s", UUID.randomUUID()));
        assertEquals(false, closed.get());

        engine.close();

        assertTrue(closed.get(), "the engine created the client, so it closes it");
    }

    @Test
    void theApplicationsCommandListenerSeesTheEnginesCommandsWrittenWithMajority() {
        CommandRecorder recorder = new CommandRecorder();
        try (MongoClient client = MongoClients.create(settings().addCommandListener(recorder).build());
             PersistenceEngine engine = MongoEngines.open(client, database,
                     MongoEngineOptions.defaults().withCollectionPrefix("app_"))) {
            recorder.take();
            engine.commit(attempt("s", UUID.randomUUID()));

            List<BsonDocument> inserts = recorder.take("insert");
            assertEquals(1, inserts.size());
            assertEquals("app_Commits", inserts.get(0).getString("insert").getValue());
            assertEquals("majority", inserts.get(0).getDocument("writeConcern").getString("w").getValue(),
                    "the client's default write concern is not the engine's");
        }
    }

    @Test
    void badOptionsAndDatabaseNamesAreRefusedBeforeAnythingIsWritten() {
        assertThrows(IllegalArgumentException.class, () -> MongoEngineOptions.defaults().withCollectionPrefix("a$b"));
        assertThrows(IllegalArgumentException.class,
                () -> MongoEngineOptions.defaults().withCollectionPrefix("system.x"));
        assertThrows(IllegalArgumentException.class, () -> MongoEngineOptions.defaults().withPageSize(0));
        try (MongoClient client = MongoClients.create(settings().build())) {
            assertThrows(IllegalArgumentException.class, () -> MongoEngines.open(client, "a b"));
            assertThrows(IllegalArgumentException.class,
                    () -> MongoEngines.dispatchedCheckpoint(client, "a.b", MongoEngineOptions.defaults()));
            assertEquals(List.of(), client.listDatabaseNames().into(new java.util.ArrayList<>()).stream()
                    .filter(name -> name.startsWith("a")).toList());
        }
    }

    @Test
    void clientWithAWriteConcernBelowMajorityIsRefused() {
        try (MongoClient client = MongoClients.create(settings().writeConcern(WriteConcern.W1).build())) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> MongoEngines.open(client, database));
            assertTrue(refused.getMessage().contains("w=1"), refused.getMessage());
        }
    }

    /**
     * A commit of C# ≤ 10 (ExtensionMethods.cs {@code ToMongoCommit}, 5.x stored version 049f9622 lines 29-55, Headers
     * as a document, line 46), its CommitId a C# legacy GUID (subtype 3, the C# driver's default before 3.0:
     * Changelog.md, 11.0.0).
     */
    private void insertLegacyCSharpCommit() {
        try (MongoClient raw = MongoClients.create(InProcessMongo.baseUri())) {
            commits(raw).insertOne(new BsonDocument("_id", new BsonInt64(1))
                    .append("CommitId", new BsonBinary(COMMIT, UuidRepresentation.C_SHARP_LEGACY))
                    .append("CommitStamp", new BsonDateTime(Instant.now().toEpochMilli()))
                    .append("Headers", new BsonDocument())
                    .append("Events", new BsonArray(List.of(new BsonDocument("StreamRevision", new BsonInt32(1))
                            .append("Payload", new BsonDocument("Headers", new BsonDocument())
                                    .append("Body", new BsonDocument("_t", new BsonString("ItemAdded")))))))
                    .append("StreamRevisionFrom", new BsonInt32(1))
                    .append("StreamRevisionTo", new BsonInt32(1))
                    .append("BucketId", new BsonString("default"))
                    .append("StreamId", new BsonString("cart"))
                    .append("CommitSequence", new BsonInt32(1)));
        }
    }

    @Test
    void clientWithStandardUuidsOverALegacyGuidStoreIsRefusedNamingUuidRepresentation() {
        insertLegacyCSharpCommit();
        try (MongoClient client = MongoClients.create(settings().uuidRepresentation(UuidRepresentation.STANDARD)
                .build())) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> MongoEngines.open(client, database));
            assertTrue(refused.getMessage().contains("uuidRepresentation"), refused.getMessage());
            assertTrue(refused.getMessage().contains("C_SHARP_LEGACY"), refused.getMessage());
        }
    }

    @Test
    void clientWithCSharpLegacyUuidsWritesAndMatchesLegacyGuids() {
        insertLegacyCSharpCommit();
        try (MongoClient client = MongoClients.create(settings()
                .uuidRepresentation(UuidRepresentation.C_SHARP_LEGACY).build());
             PersistenceEngine engine = MongoEngines.open(client, database)) {
            assertThrows(DuplicateCommitException.class, () -> engine.commit(attempt("cart", COMMIT)));
            long checkpoint = engine.commit(attempt("other", UUID.randomUUID())).checkpoint();

            BsonDocument stored = commits(client).find(new BsonDocument("_id", new BsonInt64(checkpoint))).first();
            assertEquals(3, stored.getBinary("CommitId").getType(), "legacy GUID subtype, as the store's");
        }
    }

    @Test
    void clientWithoutAUuidRepresentationWritesStandardUuids() {
        try (MongoClient client = MongoClients.create(settings().build());
             PersistenceEngine engine = MongoEngines.open(client, database)) {
            long checkpoint = engine.commit(attempt("s", UUID.randomUUID())).checkpoint();

            BsonDocument stored = commits(client).find(new BsonDocument("_id", new BsonInt64(checkpoint))).first();
            assertEquals(4, stored.getBinary("CommitId").getType());
        }
    }
}
