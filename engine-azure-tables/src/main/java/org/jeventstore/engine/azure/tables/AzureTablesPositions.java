package org.jeventstore.engine.azure.tables;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.PositionStore;

/** The durable positions: one row each in the positions partition. */
final class AzureTablesPositions implements PositionStore {

    private static final List<String> POSITION_PROPERTIES = List.of("Name", "Checkpoint", "Lease");

    private final Entities table;
    private final int pageSize;

    AzureTablesPositions(Entities table, int pageSize) {
        this.table = table;
        this.pageSize = pageSize;
    }

    @Override
    public Optional<Position> get(String name) {
        return Errors.guard("Reading position " + name, () -> table.get(Keys.POSITIONS, Keys.position(name),
                POSITION_PROPERTIES).map(AzureTablesPositions::positionOf));
    }

    @Override
    public void put(Position position) {
        Errors.guard("Saving position " + position.name(), () -> table.client().upsertEntityWithResponse(
                withPosition(Entities.entity(Keys.POSITIONS, Keys.position(position.name())), position),
                TableEntityUpdateMode.REPLACE, null, null));
    }

    /**
     * Absent expected: one insert, which a stored row refuses with 409. Otherwise a read and an update on its
     * ETag, which fails with 412 if any write (a save, another replace) came in between, or 404 after a delete.
     */
    @Override
    public boolean replace(Position expected, Position next) {
        return Errors.guard("Replacing position " + next.name(), () -> {
            if (expected == null) {
                try {
                    table.insert(withPosition(Entities.entity(Keys.POSITIONS, Keys.position(next.name())), next));
                    return true;
                } catch (TableServiceException e) {
                    if (Errors.isAlreadyExists(e)) {
                        return false;
                    }
                    throw e;
                }
            }
            Optional<TableEntity> stored = table.get(Keys.POSITIONS, Keys.position(next.name()),
                    POSITION_PROPERTIES);
            if (stored.isEmpty() || !positionOf(stored.get()).equals(expected)) {
                return false;
            }
            TableEntity row = withPosition(Entities.conditional(Keys.POSITIONS, Keys.position(next.name()),
                    stored.get().getETag()), next);
            try {
                table.client().updateEntityWithResponse(row, TableEntityUpdateMode.REPLACE, true, null, null);
                return true;
            } catch (TableServiceException e) {
                if (Errors.isConditionFailed(e) || Entities.isNotFound(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void delete(String name) {
        Errors.guard("Deleting position " + name, () -> {
            table.deleteIfPresent(Keys.POSITIONS, Keys.position(name));
            return null;
        });
    }

    /**
     * Positions are few (one per dispatcher or subscription), and their keys are escaped or hashed names whose
     * order is not the names' order: the partition is read in pages, filtered and sorted here.
     */
    @Override
    public Stream<Position> list(String namePrefix) {
        List<Position> matching = new ArrayList<>();
        try (Stream<TableEntity> rows = table.query("PartitionKey eq '" + Keys.POSITIONS + "'",
                POSITION_PROPERTIES, pageSize)) {
            rows.filter(row -> ((String) row.getProperty("Name")).startsWith(namePrefix))
                    .forEach(row -> matching.add(positionOf(row)));
        }
        matching.sort(Comparator.comparing(Position::name));
        return matching.stream();
    }

    private static TableEntity withPosition(TableEntity row, Position position) {
        return row.addProperty("Name", position.name())
                .addProperty("Checkpoint", position.checkpoint())
                .addProperty("Lease", position.lease());
    }

    /** A row written before leases existed has no {@code Lease}: nobody holds it. */
    private static Position positionOf(TableEntity row) {
        Object lease = row.getProperty("Lease");
        return new Position((String) row.getProperty("Name"), Entities.longOf(row, "Checkpoint"),
                lease == null ? "" : (String) lease);
    }
}
