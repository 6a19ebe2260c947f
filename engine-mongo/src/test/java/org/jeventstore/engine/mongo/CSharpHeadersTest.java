package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Commit headers as the C# engine writes and reads them. NEventStore.Persistence.MongoDB 12 maps
 * {@code MongoCommit.Headers} with {@code [BsonDictionaryOptions(DictionaryRepresentation.ArrayOfArrays)]}
 * (MongoCommit.cs, stored version f1eb3e50, line 43): {@code [[key, value], ...]}, which holds any key on any
 * server. Its own test of a key with a period, {@code "key.1"} (CommitHeadersSerializationTests.cs, stored version
 * 3366fcba, line 89 and the header at line 109), passes with that representation, while the Document one fails
 * ("Catastrophic Failure", same file, lines 10-13). C# 5.x wrote a document (ExtensionMethods.cs, stored version
 * 049f9622, line 46: {@code BsonDocumentWrapper.Create(commit.Headers)}).
 */
class CSharpHeadersTest {

    private final String database = InProcessMongo.freshDatabase();
    private final MongoClient raw = MongoClients.create(InProcessMongo.baseUri());
    private final MongoCollection<BsonDocument> commits = raw.getDatabase(database)
            .getCollection("Commits", BsonDocument.class);

    @AfterEach
    void closeClient() {
        raw.close();
    }

    private MongoEngine open() {
        return MongoEngine.open(MongoSettings.parse(StoreUri.parse(InProcessMongo.baseUri() + "/" + database)),
                EngineOptions.defaults(), builder -> { });
    }

    private static CommitAttempt attempt(String stream, String headers) {
        return new CommitAttempt("default", stream, 1, UUID.randomUUID(), 1, Instant.parse("2024-01-02T03:04:05Z"),
                headers.getBytes(UTF_8), List.of(new EventRecord("{}".getBytes(UTF_8),
                        new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes(UTF_8)))));
    }

    private static BsonArray pair(String key, BsonValue value) {
        return new BsonArray(List.of(new BsonString(key), value));
    }

    private CommitRecord readBack(MongoEngine engine, long checkpoint) {
        try (Stream<CommitRecord> feed = engine.readFeed(new FeedRange(null, checkpoint - 1, checkpoint))) {
            return feed.findFirst().orElseThrow();
        }
    }

    @Test
    void headersWithAnyKeyAreWrittenAsCSharpKeyValuePairsAndReadBackExactly() {
        String headers = "{\"key.1\":\"value\",\"$user\":\"alice\",\"attempt\":3,\"tags\":[\"a\",\"b\"]}";
        try (MongoEngine engine = open()) {
            CommitRecord written = engine.commit(attempt("s", headers));

            BsonDocument stored = commits.find(new BsonDocument("_id", new BsonInt64(written.checkpoint()))).first();
            assertEquals(new BsonArray(List.of(
                    pair("key.1", new BsonString("value")),
                    pair("$user", new BsonString("alice")),
                    pair("attempt", new BsonInt32(3)),
                    pair("tags", new BsonArray(List.of(new BsonString("a"), new BsonString("b")))))),
                    stored.get("Headers"));
            assertFalse(stored.containsKey("HeadersBytes"), stored.toJson());
            assertArrayEquals(headers.getBytes(UTF_8), readBack(engine, written.checkpoint()).attempt().headers());
        }
    }

    @Test
    void noHeadersAreAnEmptyArrayAsCSharpWritesAnEmptyDictionary() {
        try (MongoEngine engine = open()) {
            CommitRecord written = engine.commit(attempt("s", "{}"));

            BsonDocument stored = commits.find(new BsonDocument("_id", new BsonInt64(written.checkpoint()))).first();
            assertEquals(new BsonArray(), stored.get("Headers"));
            assertArrayEquals("{}".getBytes(UTF_8), readBack(engine, written.checkpoint()).attempt().headers());
        }
    }

    /**
     * JSON that no BSON value gives back byte for byte (whitespace here): C# sees the commit with no headers (an
     * empty dictionary), never a Binary it cannot read, and this engine reads the exact bytes kept beside them.
     * The C# MongoCommit class map ignores elements it does not know ({@code [BsonIgnoreExtraElements]},
     * MongoCommit.cs, stored version f1eb3e50, line 13).
     */
    @Test
    void headersThatDoNotRoundTripLeaveCSharpAnEmptyDictionaryAndKeepTheBytesBeside() {
        String headers = "{ \"user\" : \"alice\" }";
        try (MongoEngine engine = open()) {
            CommitRecord written = engine.commit(attempt("s", headers));

            BsonDocument stored = commits.find(new BsonDocument("_id", new BsonInt64(written.checkpoint()))).first();
            assertEquals(new BsonArray(), stored.get("Headers"));
            assertEquals(new BsonBinary(headers.getBytes(UTF_8)), stored.get("HeadersBytes"));
            assertArrayEquals(headers.getBytes(UTF_8), readBack(engine, written.checkpoint()).attempt().headers());
        }
    }

    /** A commit as C# writes it (ExtensionMethods.cs ToMongoCommit), with the given Headers value. */
    private void insertCSharpCommit(long checkpoint, BsonValue headers) {
        commits.insertOne(new BsonDocument("_id", new BsonInt64(checkpoint))
                .append("CommitId", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD))
                .append("CommitStamp", new BsonDateTime(Instant.parse("2024-01-02T03:04:05Z").toEpochMilli()))
                .append("Headers", headers)
                .append("Events", new BsonArray(List.of(new BsonDocument("StreamRevision", new BsonInt32(1))
                        .append("Payload", new BsonDocument("Headers", new BsonDocument())
                                .append("Body", new BsonDocument("_t", new BsonString("ItemAdded")))))))
                .append("StreamRevisionFrom", new BsonInt32(1))
                .append("StreamRevisionTo", new BsonInt32(1))
                .append("BucketId", new BsonString("default"))
                .append("StreamId", new BsonString("c" + checkpoint))
                .append("CommitSequence", new BsonInt32(1)));
    }

    @Test
    void headersOfEveryCSharpShapeAreRead() {
        // 12.x: ArrayOfArrays, a key C# itself tests with
        insertCSharpCommit(1, new BsonArray(List.of(pair("key.1", new BsonString("value")))));
        // 5.x: a document
        insertCSharpCommit(2, new BsonDocument("key", new BsonString("value")));
        try (MongoEngine engine = open()) {
            assertArrayEquals("{\"key.1\":\"value\"}".getBytes(UTF_8), readBack(engine, 1).attempt().headers());
            assertArrayEquals("{\"key\":\"value\"}".getBytes(UTF_8), readBack(engine, 2).attempt().headers());
        }
    }
}
