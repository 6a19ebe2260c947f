package org.jeventstore.micrometer;

import org.jeventstore.EventType;

@EventType("test.item-added")
record ItemAdded(String sku, int quantity) {
}
