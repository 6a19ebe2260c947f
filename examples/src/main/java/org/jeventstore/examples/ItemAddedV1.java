package org.jeventstore.examples;

import org.jeventstore.EventType;

/** The first version of {@link ItemAdded}, from before carts held quantities; still in old history. */
@EventType("cart.item-added")
public record ItemAddedV1(String sku) {
}
