package org.jeventstore.examples;

import org.jeventstore.EventType;

/** A product was taken out of the cart. */
@EventType("cart.item-removed")
public record ItemRemoved(String sku) {
}
