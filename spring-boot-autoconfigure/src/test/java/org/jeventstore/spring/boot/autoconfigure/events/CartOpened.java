package org.jeventstore.spring.boot.autoconfigure.events;

import org.jeventstore.EventType;

/** An event found by the package scan. */
@EventType("test.cart-opened")
public record CartOpened(String cartId) {
}
