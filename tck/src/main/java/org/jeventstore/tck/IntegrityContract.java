package org.jeventstore.tck;

import static org.jeventstore.tck.Carts.added;
import static org.jeventstore.tck.Carts.bodies;
import static org.jeventstore.tck.Carts.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStoreBuilder;
import org.jeventstore.EventStream;
import org.jeventstore.PipelineHook;
import org.jeventstore.Snapshot;
import org.jeventstore.spi.Ids;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.jeventstore.tck.TckEvents.CartState;
import org.jeventstore.tck.TckEvents.ItemAdded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store never writes a stream into an inconsistent state, whatever the caller or a hook does: no two events
 * share a revision, a stored commit is never forgotten by the stream that wrote it, revisions never shift under
 * readers, a snapshot never claims a revision the stream does not have, and values that would not read back as
 * written are refused before anything is stored.
 */
abstract class IntegrityContract extends Contract {

    private final String stream = newStreamId();

    IntegrityContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private EventStore store(PipelineHook... hooks) {
        return Carts.store(engine(), hooks);
    }

    private void commit(EventStore store, String... skus) {
        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            for (String sku : skus) {
                events.add(added(sku));
            }
            events.commitChanges(UUID.randomUUID());
        }
    }

    /** Every stored event's revision, in stream order: 1, 2, 3, … when the stream is consistent. */
    private List<Long> storedRevisions() {
        List<Long> revisions = new ArrayList<>();
        readStream(bucket, stream).forEach(commit -> {
            for (long r = commit.firstRevision(); r <= commit.streamRevision(); r++) {
                revisions.add(r);
            }
        });
        return revisions;
    }

    @Test
    @DisplayName("a stream opened with a maxRevision that cuts a commit refuses to commit, refreshes, then commits after it")
    void streamCutInsideACommitRefusesToCommitThenRefreshes() {
        EventStore store = store();
        commit(store, "a", "b", "c");

        try (EventStream partial = store.openStream(bucket, stream, 0, 2)) {
            assertEquals(items("a", "b"), bodies(partial.committedEvents()));
            partial.add(added("d"));

            assertThrows(ConcurrencyException.class, () -> partial.commitChanges(UUID.randomUUID()));
            assertEquals(List.of(1L, 2L, 3L), storedRevisions());

            assertEquals(3, partial.streamRevision());
            assertEquals(items("d"), bodies(partial.uncommittedEvents()));
            Commit retried = partial.commitChanges(UUID.randomUUID());
            assertEquals(4, retried.streamRevision());
            assertEquals(2, retried.commitSequence());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L), storedRevisions());
    }

    @Test
    @DisplayName("a stream opened from a snapshot with a maxRevision that cuts a commit refuses to commit")
    void streamFromASnapshotCutInsideACommitRefusesToCommit() {
        EventStore store = store();
        commit(store, "a");
        commit(store, "b", "c", "d");
        Snapshot snapshot = new Snapshot(bucket, stream, 1, new CartState(1));
        assertTrue(store.advanced().addSnapshot(snapshot));

        try (EventStream partial = store.openStream(snapshot, 3)) {
            assertEquals(items("b", "c"), bodies(partial.committedEvents()));
            partial.add(added("e"));

            assertThrows(ConcurrencyException.class, () -> partial.commitChanges(UUID.randomUUID()));
            assertEquals(List.of(1L, 2L, 3L, 4L), storedRevisions());
            assertEquals(5, partial.commitChanges(UUID.randomUUID()).streamRevision());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), storedRevisions());
    }

    @Test
    @DisplayName("a failing postCommit hook neither fails the commit nor makes the stream forget it")
    void failingPostCommitHookLeavesTheStreamConsistent() {
        List<Long> seenByLaterHook = new ArrayList<>();
        PipelineHook failing = new PipelineHook() {
            @Override
            public void postCommit(Commit committed) {
                throw new IllegalStateException("the bus is down");
            }
        };
        PipelineHook later = new PipelineHook() {
            @Override
            public void postCommit(Commit committed) {
                seenByLaterHook.add(committed.checkpoint());
            }
        };
        EventStore store = store(failing, later);

        try (EventStream events = store.createStream(bucket, stream)) {
            Commit first = events.add(added("a")).commitChanges(UUID.randomUUID());

            assertTrue(first.checkpoint() > 0);
            assertEquals(1, events.commitSequence());
            assertEquals(1, events.streamRevision());
            assertEquals(items("a"), bodies(events.committedEvents()));
            assertEquals(List.of(), events.uncommittedEvents());
            assertEquals(List.of(first.checkpoint()), seenByLaterHook);

            Commit second = events.add(added("b")).commitChanges(UUID.randomUUID());
            assertEquals(2, second.commitSequence());
        }
        assertEquals(List.of(1L, 2L), storedRevisions());
    }

    @Test
    @DisplayName("a select hook that drops an event is refused instead of shifting the revisions of the rest")
    void selectHookThatDropsAnEventIsRefused() {
        commit(store(), "a", "b", "c");
        PipelineHook dropsFirst = new PipelineHook() {
            @Override
            public Optional<Commit> select(Commit committed) {
                return Optional.of(new Commit(committed.bucketId(), committed.streamId(), committed.streamRevision(),
                        committed.commitId(), committed.commitSequence(), committed.commitStamp(),
                        committed.headers(), committed.events().subList(1, committed.events().size()),
                        committed.checkpoint()));
            }
        };
        EventStore store = store(dropsFirst);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> store.openStream(bucket, stream, 0, Long.MAX_VALUE));
        assertTrue(refused.getMessage().contains("number of events"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> {
            try (Stream<Commit> commits = store.advanced().readAll(0)) {
                commits.forEach(commit -> { });
            }
        });
    }

    @Test
    @DisplayName("a select hook may change events as long as it keeps their number")
    void selectHookThatReplacesEventsKeepsRevisions() {
        commit(store(), "a", "b");
        PipelineHook renames = new PipelineHook() {
            @Override
            public Optional<Commit> select(Commit committed) {
                return Optional.of(committed.withEvents(committed.events().stream()
                        .map(e -> added(((ItemAdded) e.body()).sku().toUpperCase())).toList()));
            }
        };

        try (EventStream events = store(renames).openStream(bucket, stream, 2, Long.MAX_VALUE)) {
            assertEquals(items("B"), bodies(events.committedEvents()));
            assertEquals(2, events.streamRevision());
        }
    }

    @Test
    void withEventsRefusesAnotherNumberOfEvents() {
        commit(store(), "a", "b");
        Commit stored = store().advanced().readStream(bucket, stream, 0, Long.MAX_VALUE).findFirst().orElseThrow();

        assertThrows(IllegalArgumentException.class, () -> stored.withEvents(List.of(added("x"))));
    }

    @Test
    @DisplayName("a snapshot above the stream's head revision is refused and not stored")
    void snapshotAboveTheHeadIsRefused() {
        EventStore store = store();
        commit(store, "a", "b");

        assertThrows(IllegalArgumentException.class,
                () -> store.advanced().addSnapshot(new Snapshot(bucket, stream, 3, new CartState(3))));

        assertEquals(Optional.empty(), store.advanced().snapshot(bucket, stream, Long.MAX_VALUE));
        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            events.add(added("c")).commitChanges(UUID.randomUUID());
        }
        assertTrue(store.advanced().addSnapshot(new Snapshot(bucket, stream, 3, new CartState(3))));
    }

    @Test
    void snapshotOfAMissingStreamIsNotStored() {
        assertFalse(store().advanced().addSnapshot(new Snapshot(bucket, stream, 1, new CartState(1))));
        assertEquals(Optional.empty(), store().advanced().snapshot(bucket, stream, Long.MAX_VALUE));
    }

    @Test
    @DisplayName("header values that are not JSON values (bytes, NaN, infinities, other objects) are refused")
    void headerValuesThatAreNotJsonValuesAreRefused() {
        List<Object> notJson = List.of(new byte[] {1, 2}, Double.NaN, Double.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, UUID.randomUUID(), new Object(), List.of(1, Double.NaN),
                Map.of("nested", new byte[0]));
        EventStore store = store();
        for (Object value : notJson) {
            assertThrows(IllegalArgumentException.class, () -> EventMessage.of(new ItemAdded("a", 1),
                    Map.of("h", value)), () -> "event header " + value);
            try (EventStream events = store.createStream(bucket, stream)) {
                events.add(added("a"));
                events.uncommittedHeaders().put("h", value);
                assertThrows(IllegalArgumentException.class, () -> events.commitChanges(UUID.randomUUID()),
                        () -> "commit header " + value);
            }
        }
        assertEquals(List.of(), feed());
    }

    @Test
    void jsonHeaderValuesAreAccepted() {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("string", "s");
        json.put("int", 1);
        json.put("long", 1L << 40);
        json.put("double", 1.5);
        json.put("bool", true);
        json.put("null", null);
        json.put("list", List.of(1, "two", List.of(false)));
        json.put("map", Map.of("k", Map.of("deep", 2)));
        EventStore store = store();
        try (EventStream events = store.createStream(bucket, stream)) {
            events.uncommittedHeaders().putAll(json);
            events.add(EventMessage.of(new ItemAdded("a", 1), json)).commitChanges(UUID.randomUUID());
        }
        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            assertEquals(json, events.committedHeaders());
            assertEquals(json, events.committedEvents().get(0).headers());
        }
    }

    @Test
    @DisplayName("the longest subscription name is stated in the error, and a name of that length parks durably")
    void subscriptionNameLimitIsTheOneStated() throws Exception {
        EventStore store = store();
        int longest = Ids.MAX_LENGTH - "/parked/".length() - 19;
        String tooLong = "n".repeat(longest - 35) + UUID.randomUUID();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> store.subscribe(tooLong, commit -> { }));
        assertTrue(refused.getMessage().contains(String.valueOf(longest)), refused.getMessage());

        commit(store, "a");
        long head = feed().get(feed().size() - 1).checkpoint();
        String longestName = "n".repeat(longest - 36) + UUID.randomUUID();
        SubscriptionOptions parkAtOnce = SubscriptionOptions.defaults()
                .withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO))
                .withFailurePolicy(FailurePolicy.PARK)
                .withPollInterval(Duration.ofMillis(50));
        try (Subscription subscription = store.subscribe(longestName, commit -> {
            if (commit.bucketId().equals(bucket)) {
                throw new IllegalStateException("refused");
            }
        }, parkAtOnce)) {
            assertTrue(subscription.awaitPosition(head, Duration.ofSeconds(10)));
            assertTrue(subscription.parked().contains(head), "parked " + subscription.parked());
        }
    }
}
