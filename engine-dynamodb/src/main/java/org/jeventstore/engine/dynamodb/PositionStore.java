package org.jeventstore.engine.dynamodb;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.Position;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Durable positions: one item per name in partition {@code P}, listed by prefix in name order. */
final class PositionStore {

    private final DynamoDbClient client;
    private final String table;
    private final int pageSize;

    PositionStore(DynamoDbClient client, String table, int pageSize) {
        this.client = client;
        this.table = table;
        this.pageSize = pageSize;
    }

    OptionalLong position(String name) {
        try {
            GetItemResponse response = client.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(Keys.key(Keys.POSITIONS, name)));
            return response.hasItem() ? OptionalLong.of(CommitItems.number(response.item(), CommitItems.CHECKPOINT))
                    : OptionalLong.empty();
        } catch (SdkException e) {
            throw Failures.translate(e, "reading position " + name + " of table " + table);
        }
    }

    void save(Position position) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.POSITIONS, position.name()));
        item.put(CommitItems.CHECKPOINT, Keys.n(position.checkpoint()));
        try {
            client.putItem(p -> p.tableName(table).item(item));
        } catch (SdkException e) {
            throw Failures.translate(e, "saving position " + position.name() + " of table " + table);
        }
    }

    void delete(String name) {
        try {
            client.deleteItem(d -> d.tableName(table).key(Keys.key(Keys.POSITIONS, name)));
        } catch (SdkException e) {
            throw Failures.translate(e, "deleting position " + name + " of table " + table);
        }
    }

    Stream<Position> positions(String namePrefix) {
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
                item -> new Position(item.get(Keys.SK).s(), CommitItems.number(item, CommitItems.CHECKPOINT)),
                position -> true, position -> false, what));
    }
}
