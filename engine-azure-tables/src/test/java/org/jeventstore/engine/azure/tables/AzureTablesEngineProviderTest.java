package org.jeventstore.engine.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.EventStores;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.testbackends.Azurite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Discovery, URIs, credentials that never show, limits and backend failures. */
@ExtendWith(Azurite.class)
class AzureTablesEngineProviderTest {

    /** Looks like an account key; must never appear in a message. */
    private static final String SECRET = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";

    private static CommitAttempt attempt(String streamId, int bodyBytes) {
        return new CommitAttempt("b", streamId, 1, UUID.randomUUID(), 1, Instant.now(), "{}".getBytes(),
                List.of(new EventRecord("{}".getBytes(), new Payload("test.blob", "application/octet-stream",
                        new byte[bodyBytes]))));
    }

    private static long count(Stream<?> stream) {
        try (stream) {
            return stream.count();
        }
    }

    @Test
    void theProviderIsFoundByServiceLoaderForItsScheme() {
        assertTrue(EventStores.available().contains("azure-tables"), EventStores.available().toString());
        assertTrue(EventStores.supports("azure-tables://acct.table.core.windows.net/events"));
        assertFalse(new AzureTablesEngineProvider().supports(StoreUri.parse("memory:")));
    }

    @Test
    void bothUriFormsAreUnderstood() {
        TablesUri cloud = TablesUri.parse(StoreUri.parse("azure-tables://myacct.table.core.windows.net/Events?key="
                + SECRET + "&create=true&resolveAfterMillis=250"));
        assertEquals("https://myacct.table.core.windows.net", cloud.endpoint());
        assertEquals("myacct", cloud.account());
        assertEquals("Events", cloud.table());
        assertTrue(cloud.create());
        assertEquals(250, cloud.resolveAfter().toMillis());

        TablesUri azurite = TablesUri.parse(StoreUri.parse("azure-tables://127.0.0.1:10002/devstoreaccount1/events"));
        assertEquals("http://127.0.0.1:10002/devstoreaccount1", azurite.endpoint());
        assertFalse(azurite.create());
        assertFalse(azurite.credential().toString().contains("Eby8"), "the dev key is masked too");
    }

    @Test
    void credentialsComeFromTheNamedEnvironmentVariable() {
        TablesUri uri = TablesUri.parse(StoreUri.parse("azure-tables://myacct.table.core.windows.net/events"
                + "?keyEnv=MY_KEY"), Map.of("MY_KEY", SECRET)::get);
        assertEquals(new TablesUri.Credential.AccountKey("myacct", SECRET), uri.credential());
        assertFalse(uri.toString().contains(SECRET), uri.toString());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TablesUri.parse(
                StoreUri.parse("azure-tables://myacct.table.core.windows.net/events?sasEnv=NOT_SET"), name -> null));
        assertTrue(missing.getMessage().contains("NOT_SET"), missing.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "azure-tables:no-slashes",
        "azure-tables://myacct.table.core.windows.net/",
        "azure-tables://myacct.table.core.windows.net/bad_table?key=" + SECRET,
        "azure-tables://myacct.table.core.windows.net/a/b/c?key=" + SECRET,
        "azure-tables://user:" + SECRET + "@myacct.table.core.windows.net/events",
        "azure-tables://myacct.table.core.windows.net/events?key=" + SECRET + "&sas=sv%3D1%26sig%3D" + SECRET,
        "azure-tables://myacct.table.core.windows.net/events?unknown=" + SECRET,
        "azure-tables://myacct.table.core.windows.net/events?key=" + SECRET + "&create=maybe",
        "azure-tables://myacct.table.core.windows.net/events?key=not*base64" + SECRET,
        "azure-tables://myacct.table.core.windows.net/events",
        "azure-tables://myacct.table.core.windows.net/events?connectionString=AccountKey%3D" + SECRET
                + "%3BTableEndpoint%3Dnot%20a%20url",
        "azure-tables://myacct.table.core.windows.net/events?connectionString=nonsense-" + SECRET,
    })
    void malformedUrisAndCredentialsAreRejectedWithTheSecretMasked(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AzureTablesEngineProvider().open(StoreUri.parse(uri), EngineOptions.defaults()));
        assertTrue(e.getMessage().startsWith("Malformed azure-tables URI"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
    }

    @Test
    void aMissingTableIsAClearErrorUnlessCreateIsAsked() {
        String table = "t" + UUID.randomUUID().toString().replace("-", "");
        StorageException e = assertThrows(StorageException.class, () -> new AzureTablesEngineProvider()
                .open(StoreUri.parse(Azurite.tableUri(table, "")), EngineOptions.defaults()));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("create=true"),
                e.getMessage());

        try (PersistenceEngine created = new AzureTablesEngineProvider()
                .open(StoreUri.parse(Azurite.tableUri(table, "create=true")), EngineOptions.defaults());
             PersistenceEngine existing = new AzureTablesEngineProvider()
                .open(StoreUri.parse(Azurite.tableUri(table, "")), EngineOptions.defaults())) {
            assertEquals(0, count(existing.readFeed(FeedRange.after(0))));
            assertFalse(created.toString().contains("Eby8"), created.toString());
        }
    }

    @Test
    void anOversizeCommitIsRefusedBeforeAnyRequest() {
        RequestCounter counter = new RequestCounter();
        try (PersistenceEngine engine = AzureTablesEngineProvider.open(StoreUri.parse(Azurite.newTableUri()),
                EngineOptions.defaults(), List.of(counter), FailurePoint.NONE)) {
            counter.reset();

            PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class,
                    () -> engine.commit(attempt("big", Blobs.MAX_BYTES)));

            assertTrue(e.getMessage().contains(String.valueOf(Blobs.MAX_BYTES)), e.getMessage());
            assertEquals(0, counter.count(), counter.requests().toString());
            assertEquals(0, count(engine.readFeed(FeedRange.after(0))));
            assertEquals(0, count(engine.readStream(StreamRange.all("b", "big"))));
        }
    }

    @Test
    void theLargestCommitThatFitsRoundTripsAcrossManyProperties() {
        try (PersistenceEngine engine = new AzureTablesEngineProvider().open(StoreUri.parse(Azurite.newTableUri()),
                EngineOptions.defaults())) {
            CommitAttempt large = attempt("large", Blobs.MAX_BYTES - 1_000);
            engine.commit(large);

            try (Stream<org.jeventstore.spi.CommitRecord> read = engine.readStream(StreamRange.all("b", "large"))) {
                assertEquals(List.of(large), read.map(org.jeventstore.spi.CommitRecord::attempt).toList());
            }
        }
    }

    @Test
    void anOversizeSnapshotIsRefused() {
        try (PersistenceEngine engine = new AzureTablesEngineProvider().open(StoreUri.parse(Azurite.newTableUri()),
                EngineOptions.defaults())) {
            engine.commit(attempt("s", 1));

            assertThrows(PayloadTooLargeException.class, () -> engine.snapshots().add(new SnapshotRecord("b", "s", 1,
                    new Payload("state", Payload.JSON, new byte[Blobs.MAX_BYTES]))));
            assertTrue(engine.snapshots().latest(new StreamKey("b", "s"), Long.MAX_VALUE).isEmpty());
        }
    }

    @Test
    void anUnreachableServiceIsStorageUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StoreUri uri = StoreUri.parse("azure-tables://127.0.0.1:" + closedPort + "/devstoreaccount1/events?maxRetries=0");

        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
                () -> new AzureTablesEngineProvider().open(uri, EngineOptions.defaults()));
        assertFalse(e.getMessage().contains("Eby8"), e.getMessage());
    }
}
