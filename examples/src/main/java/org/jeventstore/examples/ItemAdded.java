package org.jeventstore.examples;

import org.jeventstore.EventType;

/** A quantity of a product was put in the cart. */
@EventType("cart.item-added.v2")
public record ItemAdded(String sku, int quantity) {
}
