package org.jeventstore.benchmarks;

import org.jeventstore.EventType;

/** The benchmark's event, about 40 bytes of JSON, like most domain events. */
@EventType("bench.item-added")
public record ItemAdded(String sku, int qty, double price) {
}
