package org.jeventstore.engine.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Fills one page of a lazy read from a Query. DynamoDB applies {@code Limit} before a filter and stops at 1 MB,
 * so one Query may return fewer items than asked for while more exist: this follows {@code LastEvaluatedKey}
 * until the page is full, the range is exhausted, or an item lies beyond the range. At most a page is held.
 */
final class QueryPager {

    private QueryPager() {
    }

    /**
     * One page of at most {@code pageSize} items.
     *
     * @param query    the query, without start key or limit
     * @param startKey the key of the last item of the previous page, or {@code null} for the first page
     * @param decode   turns an item into a result
     * @param keep     results to return (others are skipped)
     * @param beyond   a result past the end of the range: the page ends before it, shorter than the page size
     * @param what     the operation, for error messages
     */
    static <T> List<T> page(DynamoDbClient client, QueryRequest query, Map<String, AttributeValue> startKey,
                            int pageSize, Function<Map<String, AttributeValue>, T> decode, Predicate<T> keep,
                            Predicate<T> beyond, String what) {
        List<T> page = new ArrayList<>(Math.min(pageSize, 64));
        Map<String, AttributeValue> start = startKey;
        while (true) {
            QueryResponse response;
            try {
                response = client.query(query.toBuilder().exclusiveStartKey(start).limit(pageSize).build());
            } catch (SdkException e) {
                throw Failures.translate(e, what);
            }
            for (Map<String, AttributeValue> item : response.items()) {
                T result = decode.apply(item);
                if (beyond.test(result)) {
                    return page;
                }
                if (keep.test(result)) {
                    page.add(result);
                    if (page.size() == pageSize) {
                        return page;
                    }
                }
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return page;
            }
            start = response.lastEvaluatedKey();
        }
    }
}
