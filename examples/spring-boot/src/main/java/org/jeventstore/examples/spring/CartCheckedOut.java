package org.jeventstore.examples.spring;

import org.jeventstore.EventType;

/** The customer paid for a cart. */
@EventType("shop.cart-checked-out")
public record CartCheckedOut(String email) {
}
