package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.bson.UuidRepresentation;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.TimeRange;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Documents only the C# engine writes, read by this one as raw BSON fixtures derived from the C# source. */
class CSharpShapesTest {

    private static final Instant STAMP = Instant.parse("2024-03-04T05:06:07.089Z");

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

    private static CommitAttempt attempt(String bucket, String stream, long sequence) {
        return new CommitAttempt(bucket, stream, sequence, UUID.randomUUID(), sequence, STAMP, "{}".getBytes(UTF_8),
                List.of(new EventRecord("{}".getBytes(UTF_8),
                        new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes(UTF_8)))));
    }

    /**
     * The filler the C# {@code ConcurrencyExceptionStrategy.FillHole} inserts at a checkpoint its commit lost
     * (MongoPersistenceEngine.cs {@code FillHole}, 12.0.0 stored version lines 864-885; ExtensionMethods.cs
     * {@code ToEmptyCommit}, which builds a {@code MongoCommit} and calls {@code ToBsonDocument()}: the attempt's
     * CommitId and CommitStamp, {@code Headers = new Dictionary<String, Object>()}, {@code Events = new
     * BsonArray(Array.Empty<object>())}, StreamRevisionFrom/To 0, BucketId = SystemBucketName ("system",
     * MongoPersistenceOptions.cs constructor), StreamId "system.empty.<checkpoint>", CommitSequence 1 — the stored
     * ExtensionMethods.cs versions give no line numbers we could pin to a tag). Through MongoCommit's class map
     * (MongoCommit.cs, stored version f1eb3e50): Int64 {@code _id} (lines 19-21), Headers as ArrayOfArrays (line 43),
     * so an empty dictionary is {@code []}; ints as Int32; GUID as C# 12's standard subtype 4.
     */
    private static BsonDocument csharpFiller(long checkpoint) {
        return csharpFiller(checkpoint, new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD),
                new BsonDateTime(STAMP.toEpochMilli()));
    }

    private static BsonDocument csharpFiller(long checkpoint, BsonBinary commitId, BsonDateTime stamp) {
        return new BsonDocument("_id", new BsonInt64(checkpoint))
                .append("CommitId", commitId)
                .append("CommitStamp", stamp)
                .append("Headers", new BsonArray())
                .append("Events", new BsonArray())
                .append("StreamRevisionFrom", new BsonInt32(0))
                .append("StreamRevisionTo", new BsonInt32(0))
                .append("BucketId", new BsonString("system"))
                .append("StreamId", new BsonString("system.empty." + checkpoint))
                .append("CommitSequence", new BsonInt32(1));
    }

    @Test
    void deletedCommitsBecomeFillersShapedExactlyAsCSharpWritesThem() {
        try (MongoEngine engine = open()) {
            engine.commit(attempt("default", "gone", 1));
            engine.deleteStream(new org.jeventstore.spi.StreamKey("default", "gone"));
        }

        BsonDocument stored = commits.find(new BsonDocument("_id", new BsonInt64(1))).first();
        assertEquals(csharpFiller(1, stored.getBinary("CommitId"), stored.getDateTime("CommitStamp")).toJson(),
                stored.toJson(), "same fields, order and BSON types");
    }

    @Test
    void feedAndReadsByTimePassOverCSharpFillHoleFillers() {
        try (MongoEngine engine = open()) {
            CommitRecord first = engine.commit(attempt("default", "s", 1));
            commits.insertOne(csharpFiller(first.checkpoint() + 1));
            CommitRecord mine = engine.commit(attempt("system", "t", 1));

            try (Stream<CommitRecord> all = engine.readFeed(FeedRange.after(0));
                 Stream<CommitRecord> system = engine.readFeed(FeedRange.after("system", 0));
                 Stream<CommitRecord> byTime = engine.readByTime(new TimeRange("system", STAMP, Instant.MAX))) {
                assertEquals(List.of(first, mine), all.toList());
                assertEquals(List.of(mine), system.toList());
                assertEquals(List.of(mine), byTime.toList());
            }
        }
    }

    /**
     * A C# commit (ExtensionMethods.cs {@code ToMongoCommit}: MongoCommit's fields, one event per element of
     * Events with its StreamRevision and Payload; 5.x stored version 049f9622 lines 29-55, Payload at line 39)
     * whose stream id this engine's {@code Ids} refuses to write: C# checks stream and bucket ids only with
     * {@code Guard.NotNullOrWhiteSpace} (NEventStore CommitAttempt.cs, stored version 0d0c854c, lines 82-83 counted by
     * hand; MongoPersistenceEngine.cs {@code Commit} checks nothing more), so it stores ids of any length and with
     * control characters. Headers {@code {}} is the 5.x document shape (line 46).
     */
    private static BsonDocument csharpCommit(long checkpoint, String streamId, org.bson.BsonValue payload) {
        return new BsonDocument("_id", new BsonInt64(checkpoint))
                .append("CommitId", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD))
                .append("CommitStamp", new BsonDateTime(STAMP.toEpochMilli()))
                .append("Headers", new BsonDocument())
                .append("Events", new BsonArray(List.of(new BsonDocument("StreamRevision", new BsonInt32(1))
                        .append("Payload", payload))))
                .append("StreamRevisionFrom", new BsonInt32(1))
                .append("StreamRevisionTo", new BsonInt32(1))
                .append("BucketId", new BsonString("default"))
                .append("StreamId", new BsonString(streamId))
                .append("CommitSequence", new BsonInt32(1));
    }

    private static BsonDocument documentPayload() {
        return new BsonDocument("Headers", new BsonDocument())
                .append("Body", new BsonDocument("_t", new BsonString("ItemAdded")).append("Sku", new BsonString("x")));
    }

    @Test
    void feedDeliversCSharpCommitsWithStreamIdsThisLibraryDoesNotWriteAsStored() {
        String tooLong = "x".repeat(300);
        String control = "control\u0001char";
        try (MongoEngine engine = open()) {
            CommitRecord first = engine.commit(attempt("default", "s", 1));
            commits.insertOne(csharpCommit(first.checkpoint() + 1, tooLong, documentPayload()));
            commits.insertOne(csharpCommit(first.checkpoint() + 2, control, documentPayload()));

            try (Stream<CommitRecord> all = engine.readFeed(FeedRange.after(0));
                 Stream<CommitRecord> bucket = engine.readFeed(FeedRange.after("default", 0))) {
                List<String> asStored = List.of("s", tooLong, control);
                assertEquals(asStored, all.map(CommitRecord::streamId).toList());
                assertEquals(asStored, bucket.map(CommitRecord::streamId).toList());
            }
            assertEquals(first.checkpoint() + 2, engine.lastCheckpoint());
        }
    }

    /**
     * NEventStore 5.x with a byte-stream serializer: ToMongoCommit wraps {@code serializer.Serialize(event)}
     * (ExtensionMethods.cs, 5.x stored version 049f9622, line 39), a {@code byte[]} for a byte-stream
     * {@code IDocumentSerializer}, so Payload is BSON Binary (subtype 0) instead of a {Headers, Body} document; its
     * {@code ToCommit} reads either (lines 68-73: {@code IsBsonDocument ? ... : serializer.Deserialize(AsByteArray)}).
     */
    @Test
    void binaryPayloadOfAByteStreamStoreIsReadAsBytes() {
        byte[] bytes = {1, 2, 3, 4};
        commits.insertOne(csharpCommit(1, "legacy", new BsonBinary(bytes)));
        try (MongoEngine engine = open();
             Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(0))) {
            List<CommitRecord> read = feed.toList();
            assertEquals(1, read.size());
            Payload body = read.get(0).attempt().events().get(0).body();
            assertEquals("bson.binary", body.type());
            org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, body.data());
        }
    }
}
