package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.EventStores;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Discovery, URIs, options and the errors of bad input and of an unreachable server. */
class MongoEngineProviderTest {

    private static CommitAttempt attempt(String stream, Payload body) {
        return new CommitAttempt("default", stream, 1, UUID.randomUUID(), 1, Instant.now(), "{}".getBytes(UTF_8),
                List.of(new EventRecord("{}".getBytes(UTF_8), body)));
    }

    private static CommitAttempt attempt(String stream) {
        return attempt(stream, new Payload("test.event", Payload.JSON, "{\"n\":1}".getBytes(UTF_8)));
    }

    private static List<CommitRecord> feed(PersistenceEngine engine) {
        try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(0))) {
            return feed.toList();
        }
    }

    @Test
    void mongoIsFoundByServiceLoaderForBothSchemes() {
        assertTrue(EventStores.available().contains("mongo"), EventStores.available().toString());
        assertTrue(EventStores.supports("mongodb://localhost/shop"));
        assertTrue(EventStores.supports("mongodb+srv://cluster.example.com/shop"));
        assertFalse(EventStores.supports("memory:"));
    }

    @Test
    void storeOpenedByUriKeepsCommitsForTheNextEngine() {
        String uri = InProcessMongo.freshUri();
        CommitRecord written;
        try (PersistenceEngine engine = EventStores.openEngine(uri, EngineOptions.defaults())) {
            written = engine.commit(attempt("s"));
        }
        try (PersistenceEngine engine = EventStores.openEngine(uri, EngineOptions.defaults())) {
            assertEquals(List.of(written), feed(engine));
        }
    }

    @Test
    void collectionPrefixesKeepTwoStoresApartInOneDatabase() {
        String base = InProcessMongo.freshUri();
        try (PersistenceEngine a = EventStores.openEngine(base + "?collectionPrefix=a_", EngineOptions.defaults());
             PersistenceEngine b = EventStores.openEngine(base + "?collectionPrefix=b_&appName=test",
                     EngineOptions.defaults())) {
            CommitRecord inA = a.commit(attempt("s"));
            CommitRecord inB = b.commit(attempt("s"));

            assertEquals(List.of(inA), feed(a));
            assertEquals(List.of(inB), feed(b));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mongodb://user:s3cret@127.0.0.1",                          // no database
        "mongodb://user:s3cret@127.0.0.1/",                         // empty database
        "mongodb://user:s3cret@127.0.0.1:99999999/db",              // port out of range
        "mongodb://user:s3cret@/db",                                // no host
        "mongodb://user:s3cret@127.0.0.1/db?collectionPrefix=a$b",  // prefix with a reserved character
        "mongodb://user:s3cret@127.0.0.1/db?collectionPrefix=system.x",
        "mongodb://user:s3cret@127.0.0.1/db?streamHeads=maybe",     // neither true nor false
        "mongodb://user:s3cret@127.0.0.1/db?w=banana&w=1&w=2%",     // broken escape in a driver option
        "mongodb://user:s3cret@127.0.0.1/db.collection",            // a collection in the path
        "mongodb://user:s3cret@127.0.0.1/a%20b"                     // a space is not allowed in database names
    })
    void malformedUriIsRejectedWithTheSecretMasked(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MongoEngineProvider().open(StoreUri.parse(uri), EngineOptions.defaults()));

        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("user:****@"), e.getMessage());
    }

    @Test
    void unreachableServerIsStorageUnavailableWithTheSecretMasked() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String uri = "mongodb://user:s3cret@127.0.0.1:" + port
                + "/db?serverSelectionTimeoutMS=300&connectTimeoutMS=300&authSource=admin";

        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
                () -> new MongoEngineProvider().open(StoreUri.parse(uri), EngineOptions.defaults()));

        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("user:****@"), e.getMessage());
    }

    @Test
    void aDropThatFailsStillClosesTheEngineAndItsClient() {
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind("127.0.0.1", 0);
            int port = server.getLocalAddress().getPort();
            PersistenceEngine engine = new MongoEngineProvider().open(StoreUri.parse("mongodb://127.0.0.1:" + port
                    + "/db?serverSelectionTimeoutMS=300&connectTimeoutMS=300"), EngineOptions.defaults());
            server.shutdownNow();

            assertThrows(StorageException.class, engine::drop);

            // Called unchecked, so it is the closed driver client that refuses; an open one would time out.
            assertThrows(IllegalStateException.class, () -> engine.positions().get("p"));
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void commitOverSixteenMebibytesIsRefusedAndWritesNothing() {
        try (PersistenceEngine engine = EventStores.openEngine(InProcessMongo.freshUri(), EngineOptions.defaults())) {
            byte[] large = new byte[MongoEngine.MAX_DOCUMENT_BYTES + 1];

            PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class, () -> engine.commit(
                    attempt("s", new Payload("test.blob", "application/octet-stream", large))));

            assertTrue(e.getMessage().contains(String.valueOf(MongoEngine.MAX_DOCUMENT_BYTES)), e.getMessage());
            assertEquals(List.of(), feed(engine));
            CommitRecord next = engine.commit(attempt("s"));
            assertEquals(1, next.checkpoint());
        }
    }

    @Test
    void snapshotOverSixteenMebibytesIsRefusedAndWritesNothing() {
        try (PersistenceEngine engine = EventStores.openEngine(InProcessMongo.freshUri(), EngineOptions.defaults())) {
            engine.commit(attempt("s"));
            byte[] large = new byte[MongoEngine.MAX_DOCUMENT_BYTES + 1];

            assertThrows(PayloadTooLargeException.class, () -> engine.snapshots().add(new SnapshotRecord("default", "s",
                    1, new Payload("test.blob", "application/octet-stream", large))));

            assertTrue(engine.snapshots().latest(new StreamKey("default", "s"), Long.MAX_VALUE).isEmpty());
        }
    }

    @Test
    void theRecycleBinBucketIsReserved() {
        try (PersistenceEngine engine = EventStores.openEngine(InProcessMongo.freshUri(), EngineOptions.defaults())) {
            CommitAttempt reserved = new CommitAttempt(":rb", "s", 1, UUID.randomUUID(), 1, Instant.now(),
                    "{}".getBytes(UTF_8), attempt("s").events());

            assertThrows(IllegalArgumentException.class, () -> engine.commit(reserved));
            assertThrows(IllegalArgumentException.class, () -> engine.readFeed(FeedRange.after(":rb", 0)));
            assertEquals(List.of(), feed(engine));
        }
    }

    @Test
    void engineDescriptionMasksTheSecret() {
        String uri = InProcessMongo.baseUri().replace("mongodb://", "mongodb://user:s3cret@")
                + "/db?authMechanism=PLAIN";
        MongoSettings settings = MongoSettings.parse(StoreUri.parse(uri));

        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        assertEquals("db", settings.database());
    }
}
