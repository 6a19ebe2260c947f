package org.jeventstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jeventstore.EventStore;
import org.jeventstore.spring.boot.autoconfigure.EventStoreEndpoint;
import org.jeventstore.spring.boot.autoconfigure.EventStoreSubscriptions;
import org.jeventstore.subscription.Subscription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/** The example on memory:, with its startup tour. */
@SpringBootTest
class ShopApplicationTest {

    @Autowired
    private EventStore store;
    @Autowired
    private Carts carts;
    @Autowired
    private CartTotals totals;
    @Autowired
    private OrderMails mails;
    @Autowired
    private EventStoreSubscriptions subscriptions;
    @Autowired
    @Qualifier("jeventstoreHealthIndicator")
    private HealthIndicator health;
    @Autowired
    private EventStoreEndpoint endpoint;

    @Test
    void theTourCheckedOutACartAndTheDispatcherMailedIt() {
        assertThat(mails.sent()).singleElement().asString().startsWith("ada@example.com: your order cart-");
    }

    @Test
    void commitsReachTheDispatcherAndTheProjectionAndTheStoreIsHealthy() throws InterruptedException {
        carts.addItem("cart-test", "sku-9", 2);
        long last = carts.addItem("cart-test", "sku-8", 3).checkpoint();
        for (Subscription subscription : subscriptions.all().values()) {
            assertThat(subscription.awaitPosition(last, Duration.ofSeconds(10))).isTrue();
        }
        assertThat(totals.items("cart-test")).isEqualTo(5);
        assertThat(mails.delivered()).contains(last);
        assertThat(store.dispatcher().flatMap(Subscription::name)).contains("order-mails");
        assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
        assertThat(endpoint.report().subscriptions()).containsOnlyKeys("order-mails", "cart-totals");
    }
}
