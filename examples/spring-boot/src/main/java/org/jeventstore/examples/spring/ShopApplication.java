package org.jeventstore.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop on the JEventStore starter: {@link Carts} commits, {@link OrderMails} is the dispatcher,
 * {@link CartTotals} a projection, and {@link ShopTour} shows them at startup. The store is
 * {@code jeventstore.uri} ({@code memory:} unless set; {@code jdbc:sqlite:target/shop.db} keeps it across
 * runs).
 */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
