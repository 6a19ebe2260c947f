package org.jeventstore;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;

/**
 * An event store: streams of events written as atomic, idempotent commits over a storage engine.
 *
 * <pre>{@code
 * try (EventStore store = EventStores.open("memory:");
 *      EventStream cart = store.openStream("cart-42")) {
 *     cart.add(EventMessage.of(new ItemAdded("sku-1", 2)));
 *     cart.commitChanges(UUID.randomUUID());
 * }
 * }</pre>
 *
 * <p>A store is thread-safe; the {@link EventStream}s it hands out are not (one per unit of work).
 */
public interface EventStore extends AutoCloseable {

    /** The bucket of streams opened without one. */
    String DEFAULT_BUCKET = "default";

    /** A builder for a store with a serializer, hooks, upconverters or a clock of your choice. */
    static EventStoreBuilder builder() {
        return new EventStoreBuilder();
    }

    /** A new, empty stream in the default bucket; nothing is written until it commits. */
    default EventStream createStream(String streamId) {
        return createStream(DEFAULT_BUCKET, streamId);
    }

    /** A new, empty stream; nothing is written until it commits. */
    EventStream createStream(String bucketId, String streamId);

    /** The whole stream of the default bucket; an empty stream if it has no commits yet. */
    default EventStream openStream(String streamId) {
        return openStream(DEFAULT_BUCKET, streamId, 0, Long.MAX_VALUE);
    }

    /**
     * A stream with the committed events whose revisions lie in {@code [minRevision, maxRevision]}.
     *
     * @throws StreamNotFoundException if {@code minRevision} is above 0 and the stream holds no such events
     */
    EventStream openStream(String bucketId, String streamId, long minRevision, long maxRevision);

    /** A stream starting from a snapshot: only events after its revision, up to {@code maxRevision}, are read. */
    EventStream openStream(Snapshot snapshot, long maxRevision);

    /** {@link #openStream(String, String, long, long)} on the store's executor. */
    CompletableFuture<EventStream> openStreamAsync(String bucketId, String streamId, long minRevision,
                                                   long maxRevision);

    /** {@link #openStream(String)} on the store's executor. */
    default CompletableFuture<EventStream> openStreamAsync(String streamId) {
        return openStreamAsync(DEFAULT_BUCKET, streamId, 0, Long.MAX_VALUE);
    }

    /**
     * Delivers every commit after {@code afterCheckpoint} (0 for all), then every new one, to {@code handler},
     * keeping the position in memory.
     */
    default Subscription subscribe(long afterCheckpoint, CommitHandler handler) {
        return subscribe(afterCheckpoint, handler, SubscriptionOptions.defaults());
    }

    /** {@link #subscribe(long, CommitHandler)} with options. */
    Subscription subscribe(long afterCheckpoint, CommitHandler handler, SubscriptionOptions options);

    /**
     * A durable subscription: delivers from the position stored under {@code name} (the first time from the
     * start, or after {@link SubscriptionOptions#startAfter()}), storing its position in the engine as it goes, so that after a restart it resumes where it was
     * and redelivers only what was not yet acknowledged. One subscription per name runs in a store at a time.
     * A name follows the rules of stream ids and has at most 229 characters (its parked commits are stored
     * under {@code <name>/parked/<checkpoint>}, within the 256 characters of a position name).
     */
    default Subscription subscribe(String name, CommitHandler handler) {
        return subscribe(name, handler, SubscriptionOptions.defaults());
    }

    /** {@link #subscribe(String, CommitHandler)} with options. */
    Subscription subscribe(String name, CommitHandler handler, SubscriptionOptions options);

    /** The dispatcher given to {@link EventStoreBuilder#dispatchTo}, if any. */
    Optional<Subscription> dispatcher();

    /** Reads of the store as a whole, snapshots, deletion and maintenance. */
    Advanced advanced();

    /**
     * Refuses new work from the start (every method, the {@code …Async} ones included, then throws
     * {@link IllegalStateException}), stops the subscriptions and the dispatcher side by side, storing their
     * positions, then closes the engine. A handler that does not return within 10 s is interrupted; one still
     * busy 5 s later is left behind, cut off from the engine, its position stored by this thread (a worker in
     * the middle of an engine call is given 5 s more): closing takes at most about 20 s however many
     * subscriptions are stuck. Idempotent: a second call, even a
     * concurrent one, waits for the first.
     */
    @Override
    void close();
}
