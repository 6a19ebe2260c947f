package org.jeventstore.examples.spring;

import org.jeventstore.EventType;

/** A quantity of a product was put in a cart. Found by the auto-configuration's scan of this package. */
@EventType("shop.item-added")
public record ItemAdded(String sku, int quantity) {
}
