package org.jeventstore.examples.spring;

import java.util.UUID;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.springframework.stereotype.Service;

/** The write side: each call is one commit to the cart's stream. */
@Service
public class Carts {

    private final EventStore store;

    public Carts(EventStore store) {
        this.store = store;
    }

    public Commit addItem(String cartId, String sku, int quantity) {
        return append(cartId, new ItemAdded(sku, quantity));
    }

    public Commit checkOut(String cartId, String email) {
        return append(cartId, new CartCheckedOut(email));
    }

    private Commit append(String cartId, Object event) {
        try (EventStream cart = store.openStream(cartId)) {
            cart.add(EventMessage.of(event));
            return cart.commitChanges(UUID.randomUUID());
        }
    }
}
