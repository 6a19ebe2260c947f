package org.jeventstore.engine.dynamodb;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.PositionStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Durable positions: one item per name in partition {@code P}, listed by prefix in name order. A lease is
 * stored only when there is one, so an item without it (also one written before leases existed) has lease
 * {@code ""}.
 */
final class DynamoDbPositions implements PositionStore {

    static final String LEASE = "lease";

    private final DynamoDbClient client;
    private final String table;
    private final int pageSize;

    DynamoDbPositions(DynamoDbClient client, String table, int pageSize) {
        this.client = client;
        this.table = table;
        this.pageSize = pageSize;
    }

    @Override
    public Optional<Position> get(String name) {
        try {
            GetItemResponse response = client.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(Keys.key(Keys.POSITIONS, name)));
            return response.hasItem() ? Optional.of(position(response.item())) : Optional.empty();
        } catch (SdkException e) {
            throw Failures.translate(e, "reading position " + name + " of table " + table);
        }
    }

    @Override
    public void put(Position position) {
        try {
            client.putItem(p -> p.tableName(table).item(item(position)));
        } catch (SdkException e) {
            throw Failures.translate(e, "saving position " + position.name() + " of table " + table);
        }
    }

    /** One PutItem, conditional on the item being absent or holding the expected checkpoint and lease. */
    @Override
    public boolean replace(Position expected, Position next) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item(next));
        if (expected == null) {
            put.conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", Keys.SK));
        } else if (expected.lease().isEmpty()) {
            // Written without the attribute when free; an empty one (another tool's) reads as free too.
            put.conditionExpression("#cp = :cp AND (attribute_not_exists(#lease) OR #lease = :free)")
                    .expressionAttributeNames(Map.of("#cp", CommitItems.CHECKPOINT, "#lease", LEASE))
                    .expressionAttributeValues(Map.of(":cp", Keys.n(expected.checkpoint()), ":free", Keys.s("")));
        } else {
            put.conditionExpression("#cp = :cp AND #lease = :lease")
                    .expressionAttributeNames(Map.of("#cp", CommitItems.CHECKPOINT, "#lease", LEASE))
                    .expressionAttributeValues(Map.of(":cp", Keys.n(expected.checkpoint()),
                            ":lease", Keys.s(expected.lease())));
        }
        try {
            client.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw Failures.translate(e, "replacing position " + next.name() + " of table " + table);
        }
    }

    @Override
    public void delete(String name) {
        try {
            client.deleteItem(d -> d.tableName(table).key(Keys.key(Keys.POSITIONS, name)));
        } catch (SdkException e) {
            throw Failures.translate(e, "deleting position " + name + " of table " + table);
        }
    }

    @Override
    public Stream<Position> list(String namePrefix) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true);
        if (namePrefix.isEmpty()) {
            // DynamoDB refuses an empty string in a key condition
            query.keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK))
                    .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.POSITIONS)));
        } else {
            query.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.POSITIONS), ":prefix", Keys.s(namePrefix)));
        }
        QueryRequest request = query.build();
        String what = "listing positions of table " + table;
        return Pages.stream(pageSize, (Position last) -> QueryPager.page(client, request,
                last == null ? null : Keys.key(Keys.POSITIONS, last.name()), pageSize,
                DynamoDbPositions::position, position -> true, position -> false, what));
    }

    private static Map<String, AttributeValue> item(Position position) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.POSITIONS, position.name()));
        item.put(CommitItems.CHECKPOINT, Keys.n(position.checkpoint()));
        if (!position.lease().isEmpty()) {
            item.put(LEASE, Keys.s(position.lease()));
        }
        return item;
    }

    private static Position position(Map<String, AttributeValue> item) {
        AttributeValue lease = item.get(LEASE);
        return new Position(item.get(Keys.SK).s(), CommitItems.number(item, CommitItems.CHECKPOINT),
                lease == null ? "" : lease.s());
    }
}
