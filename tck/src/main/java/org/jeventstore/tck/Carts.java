package org.jeventstore.tck;

import java.util.List;
import java.util.stream.Stream;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStoreBuilder;
import org.jeventstore.PipelineHook;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.tck.TckEvents.CartState;
import org.jeventstore.tck.TckEvents.ItemAdded;

/** The store-level tests' events and stores: carts of items added one at a time. */
final class Carts {

    private Carts() {
    }

    /** A store builder over {@code engine} that knows the cart events and snapshots. */
    static EventStoreBuilder builder(PersistenceEngine engine) {
        return EventStore.builder().engine(engine).types(ItemAdded.class, CartState.class);
    }

    /** A store over {@code engine} with the hooks, in order. */
    static EventStore store(PersistenceEngine engine, PipelineHook... hooks) {
        EventStoreBuilder builder = builder(engine);
        for (PipelineHook hook : hooks) {
            builder.hook(hook);
        }
        return builder.build();
    }

    /** One item of {@code sku} added. */
    static EventMessage added(String sku) {
        return EventMessage.of(new ItemAdded(sku, 1));
    }

    static List<Object> bodies(List<EventMessage> events) {
        return events.stream().map(EventMessage::body).toList();
    }

    /** The bodies {@link #added} gives for these skus. */
    static List<Object> items(String... skus) {
        return Stream.of(skus).<Object>map(sku -> new ItemAdded(sku, 1)).toList();
    }
}
