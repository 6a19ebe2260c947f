package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.Snapshot;
import org.jeventstore.subscription.Subscription;
import org.junit.jupiter.api.Test;

/**
 * SQLite as the persistent embedded store, seen through the {@link EventStore}: a second store on the file of a
 * first, closed one (a second run of the application) finds its commits and snapshots, and a named subscription
 * resumes from the position the first run stored, delivering only what came after.
 */
class SqliteStoreRestartTest {

    record ItemAdded(String sku, int quantity) {
    }

    record CartState(int items) {
    }

    private static EventStore open(String uri) {
        return EventStore.builder().engine(uri)
                .type("cart.item-added", ItemAdded.class)
                .type("cart.state", CartState.class)
                .build();
    }

    private static Commit add(EventStore store, String cart, String sku) {
        try (EventStream stream = store.openStream(cart)) {
            stream.add(EventMessage.of(new ItemAdded(sku, 1)));
            return stream.commitChanges(UUID.randomUUID());
        }
    }

    private static List<Long> feed(EventStore store) {
        try (Stream<Commit> commits = store.advanced().readAll(0)) {
            return commits.map(Commit::checkpoint).toList();
        }
    }

    @Test
    void secondRunSeesCommitsSnapshotsAndResumesItsSubscription() throws InterruptedException {
        String uri = SqliteFiles.freshUri();
        String cart = "cart-" + UUID.randomUUID();
        List<Long> firstRunDelivered = new CopyOnWriteArrayList<>();
        List<Long> firstRun;
        try (EventStore store = open(uri)) {
            add(store, cart, "apple");
            add(store, cart, "pear");
            Commit third = add(store, cart, "plum");
            assertTrue(store.advanced().addSnapshot(Snapshot.of(cart, third.streamRevision(), new CartState(3))));
            try (Subscription projection = store.subscribe("projection", c -> firstRunDelivered.add(c.checkpoint()))) {
                assertTrue(projection.awaitPosition(third.checkpoint(), Duration.ofSeconds(10)));
            }
            firstRun = feed(store);
        }
        assertEquals(firstRun, firstRunDelivered);

        List<Long> secondRunDelivered = new CopyOnWriteArrayList<>();
        try (EventStore store = open(uri)) {
            assertEquals(firstRun, feed(store));
            Optional<Snapshot> snapshot = store.advanced().snapshot(EventStore.DEFAULT_BUCKET, cart, Long.MAX_VALUE);
            assertEquals(Optional.of(new CartState(3)), snapshot.map(Snapshot::payload));
            assertEquals(3, snapshot.orElseThrow().streamRevision());
            try (EventStream stream = store.openStream(snapshot.orElseThrow(), Long.MAX_VALUE)) {
                assertEquals(3, stream.streamRevision());
                assertEquals(0, stream.committedEvents().size());
            }

            Commit fourth = add(store, cart, "fig");
            try (Subscription projection = store.subscribe("projection",
                    c -> secondRunDelivered.add(c.checkpoint()))) {
                assertTrue(projection.awaitPosition(fourth.checkpoint(), Duration.ofSeconds(10)));
            }
            assertEquals(List.of(fourth.checkpoint()), secondRunDelivered);
            assertTrue(fourth.checkpoint() > firstRun.get(firstRun.size() - 1));
        }
    }
}
