package org.jeventstore.examples.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jeventstore.spring.boot.autoconfigure.EventStoreSubscription;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.EventRouter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A projection held in memory: items per cart. Its subscription is not durable, so it is rebuilt from the
 * start of the feed at every start of the application.
 */
@Configuration(proxyBeanMethods = false)
public class CartTotals {

    private final Map<String, Integer> items = new ConcurrentHashMap<>();

    @Bean
    @EventStoreSubscription(value = "cart-totals", durable = false)
    CommitHandler cartTotalsProjection() {
        return EventRouter.builder()
                .on(ItemAdded.class, (added, context) -> items.merge(context.streamId(), added.quantity(),
                        Integer::sum))
                .build();
    }

    /** How many items the cart holds. */
    public int items(String cartId) {
        return items.getOrDefault(cartId, 0);
    }
}
