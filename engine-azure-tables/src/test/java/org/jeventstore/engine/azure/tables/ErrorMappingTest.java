package org.jeventstore.engine.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.CheckedEngine;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.Azurite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Backend failures map by status and error code: throttling is retryable, the rest is a StorageException. */
@ExtendWith(Azurite.class)
class ErrorMappingTest {

    private static final String WRONG_KEY = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXk=";

    private static CommitAttempt attempt() {
        return new CommitAttempt("b", "s", 1, UUID.randomUUID(), 1, Instant.now(), "{}".getBytes(),
                List.of(new EventRecord("{}".getBytes(), new Payload("t", Payload.JSON, "{}".getBytes()))));
    }

    private static PersistenceEngine engine(FailingResponses failing) {
        String uri = Azurite.newTableUri() + "&maxRetries=0";
        return AzureTablesEngineProvider.open(StoreUri.parse(uri), EngineOptions.defaults(), List.of(failing),
                FailurePoint.NONE);
    }

    @Test
    void aThrottledServiceIsStorageUnavailable() {
        FailingResponses busy = new FailingResponses(503, "ServerBusy");
        try (PersistenceEngine engine = engine(busy)) {
            busy.arm();

            assertThrows(StorageUnavailableException.class, () -> engine.commit(attempt()));
            assertThrows(StorageUnavailableException.class, () -> engine.positions().get("p"));
            assertThrows(StorageUnavailableException.class,
                    () -> engine.positions().replace(null, new Position("p", 1, "holder")));
            assertThrows(StorageUnavailableException.class,
                    () -> engine.positions().replace(new Position("p", 1, "holder"), new Position("p", 2, "holder")));
        }
    }

    @Test
    void aDropThatFailsStillClosesTheEngine() {
        FailingResponses busy = new FailingResponses(503, "ServerBusy");
        // the store calls engines through CheckedEngine, which closes an engine whose drop failed
        PersistenceEngine engine = CheckedEngine.of(engine(busy));
        busy.arm();

        assertThrows(StorageUnavailableException.class, engine::drop);

        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> engine.positions().get("p"));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    @Test
    void anOtherServiceFailureIsAStorageExceptionNamingItsCode() {
        FailingResponses forbidden = new FailingResponses(403, "AuthorizationPermissionMismatch");
        try (PersistenceEngine engine = engine(forbidden)) {
            forbidden.arm();

            StorageException e = assertThrows(StorageException.class, () -> engine.commit(attempt()));
            assertFalse(e instanceof StorageUnavailableException, e.toString());
            assertTrue(e.getMessage().contains("AuthorizationPermissionMismatch"), e.getMessage());
        }
    }

    @Test
    void aWrongAccountKeyIsAStorageExceptionThatDoesNotShowTheKey() {
        String table = "t" + UUID.randomUUID().toString().replace("-", "");
        StoreUri uri = StoreUri.parse(Azurite.tableUri(table, "create=true&maxRetries=0&key=" + WRONG_KEY));

        StorageException e = assertThrows(StorageException.class,
                () -> new AzureTablesEngineProvider().open(uri, EngineOptions.defaults()));

        assertFalse(e instanceof StorageUnavailableException, e.toString());
        assertFalse(e.getMessage().contains(WRONG_KEY), e.getMessage());
        try (PersistenceEngine good = new AzureTablesEngineProvider().open(
                StoreUri.parse(Azurite.tableUri(table, "create=true")), EngineOptions.defaults())) {
            assertEquals(0, good.readFeed(FeedRange.after(0)).count(), "the failed open wrote nothing");
        }
    }
}
