package org.jeventstore.examples;

import java.util.Map;
import java.util.TreeMap;
import org.jeventstore.EventMessage;
import org.jeventstore.EventType;

/** The state of a cart, folded from its events; also what a snapshot of the cart holds. */
@EventType("cart.snapshot")
public record Cart(Map<String, Integer> items) {

    public Cart {
        items = new TreeMap<>(items);
    }

    public static Cart empty() {
        return new Cart(Map.of());
    }

    /** The cart after one more event. */
    public Cart apply(EventMessage event) {
        Map<String, Integer> next = new TreeMap<>(items);
        if (event.body() instanceof ItemAdded added) {
            next.merge(added.sku(), added.quantity(), Integer::sum);
        } else if (event.body() instanceof ItemRemoved removed) {
            next.remove(removed.sku());
        }
        return new Cart(next);
    }

    public Cart applyAll(Iterable<EventMessage> events) {
        Cart cart = this;
        for (EventMessage event : events) {
            cart = cart.apply(event);
        }
        return cart;
    }

    public int quantity(String sku) {
        return items.getOrDefault(sku, 0);
    }
}
