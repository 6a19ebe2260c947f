package org.jeventstore.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.Snapshot;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;

/**
 * The library's story, told on a shopping cart: {@code Demo [store-uri]} (default {@code memory:}). On a
 * persistent store ({@code jdbc:sqlite:target/demo.db}) it can run again: each run uses a cart of its own, and
 * the dispatcher resumes after the position the last run stored.
 * Exits 0 when every step behaved as promised, 1 otherwise.
 */
public final class Demo {

    private final EventStore store;
    private final InProcessBus bus;
    private final PrintStream out;
    private final String cartId = "cart-" + UUID.randomUUID().toString().substring(0, 8);

    Demo(EventStore store, InProcessBus bus, PrintStream out) {
        this.store = store;
        this.bus = bus;
        this.out = out;
    }

    public static void main(String[] args) {
        String uri = args.length > 0 && !args[0].isBlank() ? args[0] : "memory:";
        InProcessBus bus = new InProcessBus();
        try (EventStore store = open(uri, bus)) {
            System.out.println("JEventStore demo on " + org.jeventstore.spi.StoreUri.parse(uri));
            new Demo(store, bus, System.out).run();
            System.out.println("\nEvery step behaved as promised.");
        } catch (RuntimeException | InterruptedException e) {
            System.err.println("Demo failed: " + e);
            System.exit(1);
        }
    }

    /**
     * The store every step uses: our event types by stored name, v1 events read as v2, and a dispatcher that
     * publishes every commit to the bus in the background.
     */
    static EventStore open(String uri, InProcessBus bus) {
        return EventStore.builder()
                .engine(uri)
                .dispatchTo("demo-dispatcher", bus::publish, DispatchMode.ASYNCHRONOUS, SubscriptionOptions.defaults())
                .types(ItemAdded.class, ItemAddedV1.class, ItemRemoved.class, Cart.class)
                .upconvert(ItemAddedV1.class, v1 -> new ItemAdded(v1.sku(), 1))
                .build();
    }

    void run() throws InterruptedException {
        long firstCheckpoint = lastCheckpoint();
        if (firstCheckpoint > 0) {
            // A persistent store (a SQLite file, say) run again: the story goes on after the earlier runs.
            say("this store already holds commits up to checkpoint %d from earlier runs", firstCheckpoint);
        }
        commitEvents();
        concurrencyConflict();
        duplicateCommit();
        snapshot();
        upconversion();
        long lastCheckpoint = feed(firstCheckpoint);
        projection(lastCheckpoint);
        dispatch(firstCheckpoint, lastCheckpoint);
    }

    private void commitEvents() {
        step("1. Commit events to a stream");
        try (EventStream cart = store.createStream(cartId)) {
            cart.add(EventMessage.of(new ItemAdded("sku-apple", 3)));
            cart.add(EventMessage.of(new ItemAdded("sku-pear", 1)).withHeader("source", "web"));
            cart.uncommittedHeaders().put("user", "alice");
            Commit commit = cart.commitChanges(UUID.randomUUID());
            say("committed %d events to %s as commit #%d (revision %d, checkpoint %d)",
                    commit.events().size(), cartId, commit.commitSequence(), commit.streamRevision(),
                    commit.checkpoint());
        }
        try (EventStream cart = store.openStream(cartId)) {
            Cart state = Cart.empty().applyAll(cart.committedEvents());
            say("reopened: revision %d, cart %s", cart.streamRevision(), state.items());
            check(state.quantity("sku-apple") == 3 && state.quantity("sku-pear") == 1, "cart state after reopening");
        }
    }

    private void concurrencyConflict() {
        step("2. Two writers race on one stream: optimistic concurrency");
        try (EventStream alice = store.openStream(cartId); EventStream bob = store.openStream(cartId)) {
            alice.add(EventMessage.of(new ItemAdded("sku-plum", 2)));
            bob.add(EventMessage.of(new ItemRemoved("sku-pear")));
            alice.commitChanges(UUID.randomUUID());
            say("alice committed first (revision %d)", alice.streamRevision());
            try {
                bob.commitChanges(UUID.randomUUID());
                check(false, "bob's stale commit must be refused");
            } catch (ConcurrencyException e) {
                say("bob's commit was refused: %s", e.getMessage());
                say("bob's stream refreshed itself to revision %d and kept his %d uncommitted event(s)",
                        bob.streamRevision(), bob.uncommittedEvents().size());
            }
            Commit retried = bob.commitChanges(UUID.randomUUID());
            say("bob decided again on the fresh state and retried: commit #%d", retried.commitSequence());
            check(retried.commitSequence() == 3, "bob's retry is the third commit");
        }
    }

    private void duplicateCommit() {
        step("3. The same message delivered twice: idempotent commits");
        UUID messageId = UUID.randomUUID();
        for (int delivery = 1; delivery <= 2; delivery++) {
            try (EventStream cart = store.openStream(cartId)) {
                cart.add(EventMessage.of(new ItemAdded("sku-kiwi", 5)));
                Commit commit = cart.commitChanges(messageId);
                say("delivery %d: committed as commit #%d", delivery, commit.commitSequence());
            } catch (DuplicateCommitException e) {
                say("delivery %d: recognised as a duplicate of commit %s, ignored", delivery, messageId);
            }
        }
        try (EventStream cart = store.openStream(cartId)) {
            check(Cart.empty().applyAll(cart.committedEvents()).quantity("sku-kiwi") == 5, "kiwis added once");
        }
    }

    private void snapshot() {
        step("4. Snapshots: reopen a stream without replaying all of it");
        Cart state;
        long revision;
        try (EventStream cart = store.openStream(cartId)) {
            state = Cart.empty().applyAll(cart.committedEvents());
            revision = cart.streamRevision();
        }
        store.advanced().addSnapshot(Snapshot.of(cartId, revision, state));
        say("saved a snapshot at revision %d: %s", revision, state.items());
        try (EventStream cart = store.openStream(cartId)) {
            cart.add(EventMessage.of(new ItemAdded("sku-fig", 1)));
            cart.commitChanges(UUID.randomUUID());
        }
        Snapshot snapshot = store.advanced().snapshot(EventStore.DEFAULT_BUCKET, cartId, Long.MAX_VALUE)
                .orElseThrow();
        try (EventStream cart = store.openStream(snapshot, Long.MAX_VALUE)) {
            Cart restored = ((Cart) snapshot.payload()).applyAll(cart.committedEvents());
            say("reopened from the snapshot: read %d later event(s), now at revision %d, cart %s",
                    cart.committedEvents().size(), cart.streamRevision(), restored.items());
            check(cart.committedEvents().size() == 1 && restored.quantity("sku-fig") == 1, "snapshot + 1 event");
        }
    }

    private void upconversion() {
        step("5. Upconversion: old events read as the current version");
        String oldCart = cartId + "-2019";
        try (EventStream cart = store.createStream(oldCart)) {
            cart.add(EventMessage.of(new ItemAddedV1("sku-melon")));
            cart.commitChanges(UUID.randomUUID());
            say("stored an event as it was written years ago: ItemAddedV1 (stored type 'cart.item-added')");
        }
        try (EventStream cart = store.openStream(oldCart)) {
            Object body = cart.committedEvents().get(0).body();
            say("read back as: %s", body);
            check(body.equals(new ItemAdded("sku-melon", 1)), "v1 event upconverted to v2");
        }
    }

    private long feed(long afterCheckpoint) {
        step("6. The store-wide feed, in checkpoint order");
        try (Stream<Commit> feed = store.advanced().readAll(afterCheckpoint)) {
            List<Commit> commits = feed.toList();
            long previous = afterCheckpoint;
            for (Commit commit : commits) {
                say("checkpoint %d: %s #%d, %d event(s)", commit.checkpoint(), commit.streamId(),
                        commit.commitSequence(), commit.events().size());
                check(commit.checkpoint() > previous, "checkpoints increase");
                previous = commit.checkpoint();
            }
            check(commits.size() == 6, "six commits in the feed");
            return previous;
        }
    }

    private void projection(long lastCheckpoint) throws InterruptedException {
        step("7. A projection fed by a subscription: catch up, then follow");
        CartTotals totals = new CartTotals();
        try (Subscription subscription = store.subscribe(0, totals.handler())) {
            check(subscription.awaitPosition(lastCheckpoint, Duration.ofSeconds(10)), "projection caught up");
            say("caught up to checkpoint %d: %s holds %d items", subscription.position(), cartId, totals.total(cartId));
            check(totals.total(cartId) == 11, "11 items in the cart");
            Commit live;
            try (EventStream cart = store.openStream(cartId)) {
                cart.add(EventMessage.of(new ItemAdded("sku-lime", 4)));
                live = cart.commitChanges(UUID.randomUUID());
            }
            check(subscription.awaitPosition(live.checkpoint(), Duration.ofSeconds(10)), "projection followed");
            say("a new commit (checkpoint %d) reached it at once: %s now holds %d items", live.checkpoint(), cartId,
                    totals.total(cartId));
            check(totals.total(cartId) == 15, "15 items in the cart");
        }
    }

    private void dispatch(long firstCheckpoint, long lastCheckpoint) throws InterruptedException {
        step("8. The dispatcher published every commit to the bus, at least once, in order");
        Subscription dispatcher = store.dispatcher().orElseThrow();
        check(dispatcher.awaitPosition(lastCheckpoint + 1, Duration.ofSeconds(10)), "dispatcher caught up");
        List<Long> checkpoints = bus.published().stream().map(Commit::checkpoint)
                .filter(checkpoint -> checkpoint > firstCheckpoint).toList();
        say("published checkpoints: %s", checkpoints);
        say("its position is stored as 'demo-dispatcher': after a crash it resumes there and redelivers the rest");
        check(checkpoints.size() == 7 && checkpoints.equals(checkpoints.stream().sorted().toList()),
                "seven commits published in checkpoint order");
    }

    private long lastCheckpoint() {
        try (Stream<Commit> feed = store.advanced().readAll(0)) {
            return feed.mapToLong(Commit::checkpoint).max().orElse(0);
        }
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }

    private void say(String format, Object... args) {
        out.println("   " + String.format(format, args));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("Unexpected: " + what);
        }
    }
}
