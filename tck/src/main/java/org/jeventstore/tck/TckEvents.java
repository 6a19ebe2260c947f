package org.jeventstore.tck;

import org.jeventstore.EventType;

/**
 * The event and snapshot types the kit's store tests write. Public only so that the serializer can reach
 * them on the module path; they are no API of the kit.
 */
public final class TckEvents {

    private TckEvents() {
    }

    /** An item added to a cart. */
    @EventType("tck.item-added")
    public record ItemAdded(String sku, int quantity) {
    }

    /** The first version of an event that later gained fields. */
    @EventType("tck.item-priced.v1")
    public record ItemPricedV1(String sku) {
    }

    /** The second version: a quantity was added. */
    @EventType("tck.item-priced.v2")
    public record ItemPricedV2(String sku, int quantity) {
    }

    /** The current version: a currency was added. */
    @EventType("tck.item-priced.v3")
    public record ItemPricedV3(String sku, int quantity, String currency) {
    }

    /** An item removed: annotated, but no store of the kit registers it with {@code types(...)}. */
    @EventType("tck.item-removed")
    public record ItemRemoved(String sku) {
    }

    /** A cart's state, as a snapshot holds it. */
    @EventType("tck.cart-state")
    public record CartState(int items) {
    }
}
