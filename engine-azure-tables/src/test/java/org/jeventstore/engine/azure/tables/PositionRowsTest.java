package org.jeventstore.engine.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.Azurite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Position rows written before leases existed have no {@code Lease} property: nobody holds them. */
@ExtendWith(Azurite.class)
class PositionRowsTest {

    @Test
    void aPositionRowWithoutALeaseReadsAsUnleasedAndCanBeTakenConditionally() {
        String table = "t" + UUID.randomUUID().toString().replace("-", "");
        StoreUri uri = StoreUri.parse(Azurite.tableUri(table, "create=true"));
        try (PersistenceEngine engine = new AzureTablesEngineProvider().open(uri, EngineOptions.defaults())) {
            TableClient raw = AzureTablesEngineProvider.client(uri, TablesUri.parse(uri), List.of());
            raw.upsertEntity(new TableEntity(Keys.POSITIONS, Keys.position("dispatcher"))
                    .addProperty("Name", "dispatcher").addProperty("Checkpoint", 7L));

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
}
