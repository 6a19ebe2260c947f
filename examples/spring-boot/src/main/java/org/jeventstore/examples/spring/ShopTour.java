package org.jeventstore.examples.spring;

import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;
import org.jeventstore.Commit;
import org.jeventstore.spring.boot.autoconfigure.EventStoreEndpoint;
import org.jeventstore.spring.boot.autoconfigure.EventStoreSubscriptions;
import org.jeventstore.subscription.Subscription;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * At startup (unless {@code shop.tour=false}): fills and checks out a cart of its own, waits for the dispatcher
 * and the projection, and prints what they did, the store's health and the {@code jeventstore} endpoint.
 */
@Component
@ConditionalOnProperty(name = "shop.tour", havingValue = "true", matchIfMissing = true)
public class ShopTour implements ApplicationRunner {

    private final Carts carts;
    private final CartTotals totals;
    private final OrderMails mails;
    private final EventStoreSubscriptions subscriptions;
    private final HealthIndicator health;
    private final EventStoreEndpoint endpoint;
    private final PrintStream out = System.out;

    public ShopTour(Carts carts, CartTotals totals, OrderMails mails, EventStoreSubscriptions subscriptions,
                    @Qualifier("jeventstoreHealthIndicator") HealthIndicator health, EventStoreEndpoint endpoint) {
        this.carts = carts;
        this.totals = totals;
        this.mails = mails;
        this.subscriptions = subscriptions;
        this.health = health;
        this.endpoint = endpoint;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        String cartId = "cart-" + UUID.randomUUID().toString().substring(0, 8);
        carts.addItem(cartId, "sku-1", 2);
        carts.addItem(cartId, "sku-2", 1);
        Commit last = carts.checkOut(cartId, "ada@example.com");
        for (Subscription subscription : subscriptions.all().values()) {
            if (!subscription.awaitPosition(last.checkpoint(), Duration.ofSeconds(10))) {
                throw new IllegalStateException(subscription + " did not reach " + last.checkpoint());
            }
        }
        out.println("Cart " + cartId + " holds " + totals.items(cartId) + " items (projection cart-totals)");
        out.println("Mails sent by the dispatcher: " + mails.sent());
        out.println("Health: " + health.health(true));
        out.println("Endpoint jeventstore: " + endpoint.report());
    }
}
