package org.jeventstore.engine.mongo;

import static org.jeventstore.engine.mongo.Fields.CHECKPOINT;
import static org.jeventstore.engine.mongo.Fields.ID;
import static org.jeventstore.engine.mongo.Fields.LEASE;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.PositionStore;

/** The durable positions of a {@link MongoEngine}: one document {@code {_id: name, Checkpoint, Lease}} each. */
final class MongoPositions implements PositionStore {

    private final String description;
    private final int pageSize;
    private final MongoCollection<BsonDocument> positions;
    private final Runnable ensureOpen;

    MongoPositions(String description, int pageSize, MongoCollection<BsonDocument> positions, Runnable ensureOpen) {
        this.description = description;
        this.pageSize = pageSize;
        this.positions = positions;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public Optional<Position> get(String name) {
        return Failures.call("position", description, () -> Optional.ofNullable(positions.find(Filters.eq(ID, name))
                .first()).map(MongoPositions::positionOf));
    }

    @Override
    public void put(Position position) {
        Failures.run("savePosition", description, () -> positions.replaceOne(Filters.eq(ID, position.name()),
                document(position), new ReplaceOptions().upsert(true)));
    }

    /**
     * One round trip: an insert, whose duplicate key means the position exists, or a replace filtered on the
     * expected checkpoint and lease, which matches nothing if either changed. A single-document write is atomic,
     * and a retryable write resent by the driver is answered with its first outcome.
     */
    @Override
    public boolean replace(Position expected, Position next) {
        return Failures.call("replacePosition", description, () -> {
            if (expected == null) {
                try {
                    positions.insertOne(document(next));
                    return true;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                        return false;
                    }
                    throw e;
                }
            }
            Bson lease = expected.lease().isEmpty()
                    ? Filters.or(Filters.eq(LEASE, ""), Filters.exists(LEASE, false))
                    : Filters.eq(LEASE, expected.lease());
            Bson filter = Filters.and(Filters.eq(ID, expected.name()),
                    Filters.eq(CHECKPOINT, expected.checkpoint()), lease);
            return positions.replaceOne(filter, document(next)).getMatchedCount() == 1;
        });
    }

    @Override
    public void delete(String name) {
        Failures.run("deletePosition", description, () -> positions.deleteOne(Filters.eq(ID, name)));
    }

    /** Names with a prefix are one contiguous range in MongoDB's string order, starting at the prefix itself. */
    @Override
    public Stream<Position> list(String namePrefix) {
        return Pages.stream(pageSize, (Position last) -> {
            ensureOpen.run();
            Bson filter = last == null ? Filters.gte(ID, namePrefix) : Filters.gt(ID, last.name());
            return Failures.call("positions", description, () -> {
                List<Position> page = new ArrayList<>(pageSize);
                for (BsonDocument document : positions.find(filter).sort(Sorts.ascending(ID)).limit(pageSize)) {
                    Position position = positionOf(document);
                    if (!position.name().startsWith(namePrefix)) {
                        break;
                    }
                    page.add(position);
                }
                return page;
            });
        });
    }

    private static BsonDocument document(Position position) {
        return new BsonDocument(ID, new BsonString(position.name()))
                .append(CHECKPOINT, new BsonInt64(position.checkpoint()))
                .append(LEASE, new BsonString(position.lease()));
    }

    private static Position positionOf(BsonDocument document) {
        BsonValue lease = document.get(LEASE);
        return new Position(document.getString(ID).getValue(), document.getNumber(CHECKPOINT).longValue(),
                lease == null ? "" : lease.asString().getValue());
    }
}
