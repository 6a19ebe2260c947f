package org.jeventstore.examples;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.EventRouter;

/** A projection: how many items each cart holds, kept up to date by a subscription. */
final class CartTotals {

    private final Map<String, Integer> totals = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> lines = new ConcurrentHashMap<>();

    CommitHandler handler() {
        return EventRouter.builder()
                .on(ItemAdded.class, (added, context) -> {
                    lines.computeIfAbsent(context.streamId(), id -> new ConcurrentHashMap<>())
                            .merge(added.sku(), added.quantity(), Integer::sum);
                    totals.merge(context.streamId(), added.quantity(), Integer::sum);
                })
                .on(ItemRemoved.class, (removed, context) -> {
                    Integer quantity = lines.getOrDefault(context.streamId(), Map.of()).remove(removed.sku());
                    if (quantity != null) {
                        totals.merge(context.streamId(), -quantity, Integer::sum);
                    }
                })
                .build();
    }

    int total(String cartId) {
        return totals.getOrDefault(cartId, 0);
    }
}
