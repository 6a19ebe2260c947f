package org.jeventstore.engine.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStores;
import org.jeventstore.EventStream;
import org.jeventstore.EventType;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.DynamoDbLocal;
import org.junit.jupiter.api.Test;

/** URIs, discovery, and failures that must be clear without leaking secrets. */
class DynamoDbEngineProviderTest {

    @EventType("test.noted")
    public record Noted(String text) {
    }

    private static IllegalArgumentException rejected(String uri) {
        return assertThrows(IllegalArgumentException.class,
                () -> new DynamoDbEngineProvider().open(StoreUri.parse(uri), EngineOptions.defaults()));
    }

    @Test
    void dynamodbIsFoundByServiceLoader() {
        assertTrue(EventStores.available().contains("dynamodb"), EventStores.available().toString());
        assertTrue(EventStores.supports("dynamodb://eu-west-1/events"));
        assertTrue(EventStores.supports("DynamoDB://eu-west-1/events"));
        assertFalse(new DynamoDbEngineProvider().supports(StoreUri.parse("memory:")));
    }

    @Test
    void aStoreOverTheEngineCommitsAndReadsBack() {
        try (EventStore store = EventStore.builder().engine(DynamoDbLocal.freshUri()).types(Noted.class).build()) {
            try (EventStream stream = store.createStream("cart-1")) {
                stream.add(EventMessage.of(new Noted("hello")));
                stream.commitChanges(UUID.randomUUID());
            }
            try (EventStream stream = store.openStream("cart-1")) {
                assertEquals(new Noted("hello"), stream.committedEvents().get(0).body());
            }
        }
    }

    @Test
    void malformedUrisAreRejectedWithTheExpectedForm() {
        List<String> malformed = List.of(
                "dynamodb:events",
                "dynamodb://eu-west-1",
                "dynamodb://eu-west-1/",
                "dynamodb://eu-west-1/ab",
                "dynamodb://eu-west-1/bad%20name",
                "dynamodb://eu-west-1/events/extra",
                "dynamodb://EU_WEST/events",
                "dynamodb://eu-west-1:443/events",
                "dynamodb://eu-west-1/events?unknown=1",
                "dynamodb://eu-west-1/events?createTable=maybe",
                "dynamodb://eu-west-1/events?createTable",
                "dynamodb://eu-west-1/events?timeoutMillis=-5",
                "dynamodb://eu-west-1/events?endpoint=ftp://host",
                "dynamodb://eu-west-1/events?endpoint=http://127.0.0.1:8000&endpoint=http://127.0.0.1:8001",
                "dynamodb://eu-west-1/events#fragment",
                "dynamodb://eu west/events");
        for (String uri : malformed) {
            IllegalArgumentException e = rejected(uri);
            assertTrue(e.getMessage().contains("dynamodb://<region>/<table>"), uri + ": " + e.getMessage());
        }
    }

    @Test
    void secretsInARejectedUriAreMasked() {
        IllegalArgumentException inUserInfo = rejected("dynamodb://AKIAEXAMPLE:s3cr3t@eu-west-1/events");
        IllegalArgumentException inQuery = rejected("dynamodb://eu-west-1/events?secretAccessKey=s3cr3t");
        IllegalArgumentException inEndpoint = rejected(
                "dynamodb://eu-west-1/events?endpoint=http://user:s3cr3t@127.0.0.1:8000");

        for (IllegalArgumentException e : List.of(inUserInfo, inQuery, inEndpoint)) {
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
            assertTrue(e.getMessage().contains("****"), e.getMessage());
        }
        assertTrue(inUserInfo.getMessage().contains("default credential provider chain"), inUserInfo.getMessage());
    }

    @Test
    void aMissingTableWithoutCreateTableIsNamedInTheError() {
        String table = "missing-" + UUID.randomUUID();

        StorageException e = assertThrows(StorageException.class,
                () -> EventStores.openEngine(DynamoDbLocal.uri(table, false), EngineOptions.defaults()));

        assertTrue(e.getMessage().contains("'" + table + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("createTable=true"), e.getMessage());
    }

    @Test
    void anUnreachableEndpointIsStorageUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String uri = "dynamodb://us-east-1/events?endpoint=http://127.0.0.1:" + closedPort + "&timeoutMillis=5000";

        assertThrows(StorageUnavailableException.class,
                () -> EventStores.openEngine(uri, EngineOptions.defaults()));
    }

    @Test
    void theEngineDescribesItselfByItsUri() {
        String uri = DynamoDbLocal.freshUri();
        try (PersistenceEngine engine = EventStores.openEngine(uri, EngineOptions.defaults())) {
            assertEquals("DynamoDbEngine[" + uri + "]", engine.toString());
        }
    }
}
