package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.Test;

/**
 * The GUID representation of a store is the one its commits already use. C# ≤ 10 wrote commit ids as C# legacy
 * GUIDs (the C# driver's GuidRepresentation.CSharpLegacy default before 3.0: BSON binary subtype 3); C# 12
 * writes subtype 4. A store opened with the other one would break duplicate detection (the stored bytes differ).
 */
class CSharpGuidsTest {

    private static final UUID COMMIT = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final Instant STAMP = Instant.parse("2019-05-06T07:08:09.123Z");

    private final String database = InProcessMongo.freshDatabase();

    private MongoEngine open(String query) {
        return MongoEngine.open(MongoSettings.parse(StoreUri.parse(InProcessMongo.baseUri() + "/" + database + query)),
                EngineOptions.defaults(), builder -> { });
    }

    /**
     * A commit as C# writes it (ExtensionMethods.cs {@code ToMongoCommit}: 5.x stored version 049f9622 lines 29-55;
     * from 6.x on through the MongoCommit class map, MongoCommit.cs stored version f1eb3e50, same fields and order),
     * its CommitId in {@code representation}: C# legacy (subtype 3) up to C# 10, whose driver defaulted to it, and
     * standard from 11 on (Changelog.md, 11.0.0: "Check your GUID serialization"). Headers here are {@code {}}: the
     * 5.x document shape (line 46).
     */
    private void insertCSharpCommit(UuidRepresentation representation) {
        try (MongoClient client = MongoClients.create(InProcessMongo.baseUri())) {
            client.getDatabase(database).getCollection("Commits", BsonDocument.class).insertOne(
                    new BsonDocument("_id", new BsonInt64(1))
                            .append("CommitId", new BsonBinary(COMMIT, representation))
                            .append("CommitStamp", new BsonDateTime(STAMP.toEpochMilli()))
                            .append("Headers", new BsonDocument())
                            .append("Events", new BsonArray(List.of(new BsonDocument("StreamRevision",
                                    new BsonInt32(1)).append("Payload", new BsonDocument("Headers",
                                    new BsonDocument()).append("Body", new BsonDocument("_t",
                                    new BsonString("ItemAdded")))))))
                            .append("StreamRevisionFrom", new BsonInt32(1))
                            .append("StreamRevisionTo", new BsonInt32(1))
                            .append("BucketId", new BsonString("default"))
                            .append("StreamId", new BsonString("cart"))
                            .append("CommitSequence", new BsonInt32(1)));
        }
    }

    private static CommitAttempt redelivered() {
        return new CommitAttempt("default", "cart", 1, COMMIT, 1, STAMP, "{}".getBytes(UTF_8),
                List.of(new EventRecord("{}".getBytes(UTF_8),
                        new Payload("ItemAdded", Payload.JSON, "{}".getBytes(UTF_8)))));
    }

    @Test
    void legacyGuidStoreOpenedWithStandardIsRefusedNamingUuidRepresentation() {
        insertCSharpCommit(UuidRepresentation.C_SHARP_LEGACY);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> open("").close());

        assertTrue(refused.getMessage().contains("uuidRepresentation=csharpLegacy"), refused.getMessage());
    }

    @Test
    void standardGuidStoreOpenedWithCSharpLegacyIsRefusedNamingUuidRepresentation() {
        insertCSharpCommit(UuidRepresentation.STANDARD);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> open("?uuidRepresentation=csharpLegacy").close());

        assertTrue(refused.getMessage().contains("uuidRepresentation=standard"), refused.getMessage());
    }

    @Test
    void legacyGuidStoreOpenedWithCSharpLegacyDetectsARedeliveredCommit() {
        insertCSharpCommit(UuidRepresentation.C_SHARP_LEGACY);

        try (MongoEngine engine = open("?uuidRepresentation=csharpLegacy")) {
            assertThrows(DuplicateCommitException.class, () -> engine.commit(redelivered()));
            try (var stream = engine.readStream(org.jeventstore.spi.StreamRange.all("default", "cart"))) {
                assertEquals(1, stream.count());
            }
        }
    }
}
