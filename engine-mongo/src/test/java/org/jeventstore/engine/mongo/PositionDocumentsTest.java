package org.jeventstore.engine.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.Test;

/**
 * What the kit cannot see of positions: documents written before leases existed, the commands of a conditional
 * write, and an outage during one.
 */
class PositionDocumentsTest {

    private final String database = InProcessMongo.freshDatabase();

    private MongoEngine open(CommandCounter counter) {
        StoreUri uri = StoreUri.parse(InProcessMongo.baseUri() + "/" + database);
        return MongoEngine.open(MongoSettings.parse(uri), EngineOptions.defaults(),
                builder -> builder.addCommandListener(counter));
    }

    @Test
    void aPositionWithoutALeaseFieldReadsAsUnleasedAndCanBeTakenConditionally() {
        try (MongoClient raw = MongoClients.create(InProcessMongo.baseUri());
             MongoEngine engine = open(new CommandCounter())) {
            MongoCollection<BsonDocument> positions = raw.getDatabase(database)
                    .getCollection(Fields.POSITIONS, BsonDocument.class);
            positions.insertOne(new BsonDocument(Fields.ID, new BsonString("dispatcher"))
                    .append(Fields.CHECKPOINT, new BsonInt64(7)));

            assertEquals(Optional.of(new Position("dispatcher", 7)), engine.positions().get("dispatcher"));
            try (Stream<Position> listed = engine.positions().list("")) {
                assertEquals(List.of(new Position("dispatcher", 7)), listed.toList());
            }
            assertFalse(engine.positions().replace(new Position("dispatcher", 7, "holder"),
                    new Position("dispatcher", 8, "holder")));
            assertTrue(engine.positions().replace(new Position("dispatcher", 7),
                    new Position("dispatcher", 7, "holder")));
            assertEquals(Optional.of(new Position("dispatcher", 7, "holder")), engine.positions().get("dispatcher"));
        }
    }

    @Test
    void aConditionalWriteIsOneCommandWhetherItStoresOrNot() {
        CommandCounter counter = new CommandCounter();
        try (MongoEngine engine = open(counter)) {
            counter.take();

            assertTrue(engine.positions().replace(null, new Position("p", 1, "holder")));
            assertEquals(List.of("insert"), counter.take());
            assertFalse(engine.positions().replace(null, new Position("p", 1, "other")));
            assertEquals(List.of("insert"), counter.take());
            assertTrue(engine.positions().replace(new Position("p", 1, "holder"), new Position("p", 2, "holder")));
            assertEquals(List.of("update"), counter.take());
            assertFalse(engine.positions().replace(new Position("p", 1, "holder"), new Position("p", 3, "holder")));
            assertEquals(List.of("update"), counter.take());
        }
    }

    @Test
    void aConditionalWriteToAStoppedServerIsStorageUnavailable() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        StoreUri uri = StoreUri.parse("mongodb://127.0.0.1:" + address.getPort()
                + "/db?serverSelectionTimeoutMS=300&connectTimeoutMS=300");
        try (MongoEngine engine = MongoEngine.open(MongoSettings.parse(uri), EngineOptions.defaults(), b -> { })) {
            server.shutdownNow();

            assertThrows(StorageUnavailableException.class,
                    () -> engine.positions().replace(null, new Position("p", 1, "holder")));
            assertThrows(StorageUnavailableException.class,
                    () -> engine.positions().replace(new Position("p", 1, "holder"), new Position("p", 2, "holder")));
        } finally {
            server.shutdownNow();
        }
    }
}
