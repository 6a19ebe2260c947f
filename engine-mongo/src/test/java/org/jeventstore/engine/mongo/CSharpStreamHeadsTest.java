package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The C# engine's {@code Streams} collection, maintained with {@code streamHeads=true}. The shape and the updates
 * are those of NEventStore/NEventStore.Persistence.MongoDB src/NEventStore.Persistence.MongoDB/MongoPersistenceEngine.cs
 * at 12.0.0 (the stored version whose async methods share the file and whose {@code Initialize} has
 * {@code // EmptyRecycleBin();}; line numbers counted by hand in the stored text): {@code Commit} calls
 * {@code UpdateStreamHeadInBackgroundThread} after its insert (lines 674-680), which upserts
 * {@code {_id: {BucketId, StreamId}}} with {@code $set HeadRevision}, {@code $inc SnapshotRevision 0},
 * {@code $inc Unsnapshotted <events>} (lines 1291-1321, the update at 1298-1305; {@code GetStreamHeadId},
 * BucketId first, lines 1483-1490) on a {@code Task.Run} when {@code PersistStreamHeadsOnBackgroundThread}
 * ({@code StartBackgroundThread}, lines 1607-1617), ignoring failures ("It is safe to ignore transient exception
 * updating stream head", line 1314); {@code AddSnapshot} (lines 1019-1071) upserts the snapshot, reads the head
 * ({@code First()}, lines 1046-1049: no head, {@code false}) and sets SnapshotRevision and Unsnapshotted =
 * HeadRevision − snapshot revision (lines 1051-1059); {@code GetStreamsToSnapshot} queries
 * {@code Unsnapshotted >= threshold} (lines 911-930); {@code DeleteStream} deletes the head (lines 1211-1216),
 * {@code Purge()} every head (line 1143), {@code Purge(bucketId)} those with {@code _id.BucketId} (line 1157).
 * Field names: MongoFields.cs {@code MongoStreamHeadFields}; ints are C# {@code int}s, so Int32.
 */
class CSharpStreamHeadsTest {

    private final String database = InProcessMongo.freshDatabase();
    private final MongoClient raw = MongoClients.create(InProcessMongo.baseUri());
    private final MongoDatabase db = raw.getDatabase(database);
    private final MongoCollection<BsonDocument> streams = db.getCollection("Streams", BsonDocument.class);

    @AfterEach
    void closeClient() {
        raw.close();
    }

    private MongoEngine open(String query) {
        return MongoEngine.open(MongoSettings.parse(StoreUri.parse(InProcessMongo.baseUri() + "/" + database + query)),
                EngineOptions.defaults(), builder -> { });
    }

    private MongoEngine withHeads() {
        return open("?streamHeads=true");
    }

    private static CommitAttempt attempt(String bucket, String stream, long sequence, long firstRevision, int events) {
        List<EventRecord> records = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            records.add(new EventRecord("{}".getBytes(UTF_8),
                    new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes(UTF_8))));
        }
        return new CommitAttempt(bucket, stream, firstRevision + events - 1, UUID.randomUUID(), sequence,
                Instant.now(), "{}".getBytes(UTF_8), records);
    }

    private static BsonDocument headId(String bucket, String stream) {
        return new BsonDocument("BucketId", new BsonString(bucket)).append("StreamId", new BsonString(stream));
    }

    /** A head document as C# 12 leaves it (see the class comment). */
    private static BsonDocument csharpHead(String bucket, String stream, int head, int snapshot) {
        return new BsonDocument("_id", headId(bucket, stream))
                .append("HeadRevision", new BsonInt32(head))
                .append("SnapshotRevision", new BsonInt32(snapshot))
                .append("Unsnapshotted", new BsonInt32(head - snapshot));
    }

    private BsonDocument storedHead(String bucket, String stream) {
        return streams.find(new BsonDocument("_id", headId(bucket, stream))).first();
    }

    private static List<StreamHead> heads(MongoEngine engine, String bucket, long threshold) {
        try (Stream<StreamHead> heads = engine.snapshots().streamsToSnapshot(bucket, threshold)) {
            return heads.toList();
        }
    }

    private static SnapshotRecord snapshot(String bucket, String stream, long revision) {
        return new SnapshotRecord(bucket, stream, revision, new Payload("state", Payload.JSON,
                "{\"r\":1}".getBytes(UTF_8)));
    }

    @Test
    void commitsMaintainTheCSharpHeadDocumentAfterTheyReturn() {
        try (MongoEngine engine = withHeads()) {
            engine.commit(attempt("default", "cart", 1, 1, 2));
            engine.commit(attempt("default", "cart", 2, 3, 3));
        }

        assertEquals(csharpHead("default", "cart", 5, 0), storedHead("default", "cart"),
                "written by the time the engine is closed");
    }

    /** Which thread sent each command: the driver calls a command listener on the thread that sends. */
    private static final class ThreadRecorder implements CommandListener {
        private final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            sent.add(event.getCommandName() + " " + event.getDatabaseName() + " " + Thread.currentThread().getName());
        }

        List<String> take() {
            List<String> taken = List.copyOf(sent);
            sent.clear();
            return taken;
        }
    }

    @Test
    void aCommitReturnsAfterItsOneInsertAndTheHeadUpdateIsSentFromTheBackgroundThread() {
        ThreadRecorder recorder = new ThreadRecorder();
        MongoEngine engine = MongoEngine.open(MongoSettings.parse(StoreUri.parse(InProcessMongo.baseUri() + "/"
                + database + "?streamHeads=true")), EngineOptions.defaults(), builder -> builder.addCommandListener(
                recorder));
        String caller = Thread.currentThread().getName();
        try (engine) {
            recorder.take();
            engine.commit(attempt("default", "cart", 1, 1, 1));
            List<String> byTheCaller = List.copyOf(recorder.sent).stream().filter(c -> c.endsWith(" " + caller))
                    .toList();
            assertEquals(List.of("insert " + database + " " + caller), byTheCaller);
        }
        assertEquals(List.of("update " + database + " jeventstore-mongo-stream-heads"),
                recorder.take().stream().filter(c -> c.startsWith("update")).toList(), "sent before close returned");
        assertEquals(csharpHead("default", "cart", 1, 0), storedHead("default", "cart"));
    }

    @Test
    void headsAreReadFromTheStreamsCollectionAndSnapshotsUpdateThemAsCSharpDoes() {
        try (MongoEngine engine = withHeads()) {
            engine.commit(attempt("default", "cart", 1, 1, 5));
            assertEquals(List.of(new StreamHead("default", "cart", 5, 0)), heads(engine, "default", 5));

            assertTrue(engine.snapshots().add(snapshot("default", "cart", 3)));

            assertEquals(csharpHead("default", "cart", 5, 3), storedHead("default", "cart"));
            assertEquals(List.of(), heads(engine, "default", 3));
            assertEquals(List.of(new StreamHead("default", "cart", 5, 3)), heads(engine, "default", 2));
        }
    }

    /** A stream C# wrote (ExtensionMethods.cs ToMongoCommit) and the head C#'s background update left for it. */
    @Test
    void aCSharpStreamHeadIsListedAndTakesASnapshot() {
        db.getCollection("Commits", BsonDocument.class).insertOne(new BsonDocument("_id", new BsonInt64(1))
                .append("CommitId", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD))
                .append("CommitStamp", new BsonDateTime(Instant.now().toEpochMilli()))
                .append("Headers", new BsonArray())
                .append("Events", new BsonArray(List.of(new BsonDocument("StreamRevision", new BsonInt32(1))
                        .append("Payload", new BsonDocument("Headers", new BsonDocument())
                                .append("Body", new BsonDocument("_t", new BsonString("ItemAdded")))))))
                .append("StreamRevisionFrom", new BsonInt32(1))
                .append("StreamRevisionTo", new BsonInt32(1))
                .append("BucketId", new BsonString("default"))
                .append("StreamId", new BsonString("csharp"))
                .append("CommitSequence", new BsonInt32(1)));
        streams.insertOne(csharpHead("default", "csharp", 1, 0));

        try (MongoEngine engine = withHeads()) {
            assertEquals(List.of(new StreamHead("default", "csharp", 1, 0)), heads(engine, "default", 1));
            assertTrue(engine.snapshots().add(snapshot("default", "csharp", 1)));
            assertEquals(csharpHead("default", "csharp", 1, 1), storedHead("default", "csharp"));
        }
    }

    @Test
    void aStreamCommittedBeforeHeadsWereOnGetsItsHeadWithItsFirstSnapshot() {
        try (MongoEngine off = open("")) {
            off.commit(attempt("default", "old", 1, 1, 4));
        }
        assertEquals(null, storedHead("default", "old"), "no heads while the option is off");

        try (MongoEngine engine = withHeads()) {
            assertEquals(List.of(), heads(engine, "default", 1), "no head document yet");
            assertTrue(engine.snapshots().add(snapshot("default", "old", 2)));
            assertEquals(csharpHead("default", "old", 4, 2), storedHead("default", "old"));
            assertFalse(engine.snapshots().add(snapshot("default", "never-committed", 1)));
            assertEquals(null, storedHead("default", "never-committed"));
        }
    }

    @Test
    void deleteStreamPurgeAndDropRemoveHeadsEvenWithTheOptionOff() {
        streams.insertOne(csharpHead("default", "a", 1, 0));
        streams.insertOne(csharpHead("default", "b", 1, 0));
        streams.insertOne(csharpHead("other", "c", 1, 0));
        streams.insertOne(csharpHead("third", "d", 1, 0));
        try (MongoEngine engine = open("")) {
            engine.deleteStream(new StreamKey("default", "a"));
            assertEquals(null, storedHead("default", "a"));
            assertEquals(3, streams.countDocuments());

            engine.purge(Optional.of("default"));
            assertEquals(null, storedHead("default", "b"));
            assertEquals(2, streams.countDocuments());

            engine.purge(Optional.empty());
            assertEquals(0, streams.countDocuments());

            streams.insertOne(csharpHead("default", "e", 1, 0));
            engine.drop();
        }
        assertFalse(db.listCollectionNames().into(new ArrayList<>()).contains("Streams"), "dropped");
    }

    @Test
    void withHeadsOnADeletedStreamsHeadDoesNotComeBack() {
        try (MongoEngine engine = withHeads()) {
            CommitRecord first = engine.commit(attempt("default", "gone", 1, 1, 1));
            engine.deleteStream(new StreamKey("default", first.attempt().streamId()));
            assertEquals(List.of(), heads(engine, "default", 0));
        }
        assertEquals(null, storedHead("default", "gone"));
    }
}
