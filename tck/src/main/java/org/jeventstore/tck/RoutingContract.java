package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.subscription.EventRouter;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.jeventstore.tck.TckEvents.ItemAdded;
import org.jeventstore.tck.TckEvents.ItemRemoved;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An {@link EventRouter} replays history the same way whatever this process has written: events of the types
 * its routes expect reach them even when this store never wrote or registered such a type, and an event it
 * cannot decode is never passed over without a trace.
 */
@Tag(DispatchContract.TAG)
abstract class RoutingContract extends Contract {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SubscriptionOptions FAST = SubscriptionOptions.defaults()
            .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)))
            .withPollInterval(Duration.ofMillis(50));

    RoutingContract(PersistenceEngineTck kit) {
        super(kit);
    }

    /** Another process, which knows {@link ItemRemoved}, writes one; returns its commit. */
    private Commit writtenElsewhere() {
        EventStore writer = EventStore.builder().engine(reopen()).types(ItemAdded.class, ItemRemoved.class).build();
        try (EventStream stream = writer.createStream(bucket, newStreamId())) {
            return stream.add(EventMessage.of(new ItemRemoved("sku-1"))).commitChanges(UUID.randomUUID());
        }
    }

    /** This process: it registers only {@link ItemAdded} and has never written an {@link ItemRemoved}. */
    private EventStore reader() {
        return EventStore.builder().engine(engine()).types(ItemAdded.class).build();
    }

    @Test
    void routerReceivesAnnotatedRouteTypesThisStoreNeverWroteOrRegistered() throws Exception {
        Commit removal = writtenElsewhere();
        List<ItemRemoved> received = new CopyOnWriteArrayList<>();
        EventRouter router = EventRouter.builder()
                .on(ItemRemoved.class, (removed, context) -> {
                    if (context.commit().bucketId().equals(bucket)) {
                        received.add(removed);
                    }
                })
                .build();

        try (Subscription subscription = reader().subscribe(0, router, FAST)) {
            assertTrue(subscription.awaitPosition(removal.checkpoint(), WAIT), "caught up");
        }
        assertEquals(List.of(new ItemRemoved("sku-1")), received);
    }

    @Test
    void routerThatCannotDecodeAnEventOfItsRouteTypesFailsInsteadOfDroppingIt() throws Exception {
        Commit removal = writtenElsewhere();
        EventRouter router = EventRouter.builder().on(ItemRemoved.class, (removed, context) -> { }).build();

        // Wrapped, the store cannot see the router's routes, so the event reaches it undecoded.
        try (Subscription subscription = reader().subscribe(0, router::handle, FAST)) {
            assertFalse(subscription.awaitPosition(removal.checkpoint(), WAIT), "passed over an undecoded event");
            assertTrue(subscription.failure().isPresent(), "stopped with a failure");
            String message = subscription.failure().orElseThrow().getMessage();
            assertTrue(message.contains("tck.item-removed") && message.contains(ItemRemoved.class.getName()),
                    message);
        }
    }
}
