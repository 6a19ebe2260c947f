package org.jeventstore.tck;

import static org.jeventstore.tck.Carts.added;
import static org.jeventstore.tck.Carts.bodies;
import static org.jeventstore.tck.Carts.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.CommitVetoedException;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventSerializer;
import org.jeventstore.EventStore;
import org.jeventstore.EventStoreBuilder;
import org.jeventstore.EventStream;
import org.jeventstore.PipelineHook;
import org.jeventstore.RawEvent;
import org.jeventstore.Snapshot;
import org.jeventstore.StreamNotFoundException;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.tck.TckEvents.CartState;
import org.jeventstore.tck.TckEvents.ItemAdded;
import org.jeventstore.tck.TckEvents.ItemPricedV1;
import org.jeventstore.tck.TckEvents.ItemPricedV2;
import org.jeventstore.tck.TckEvents.ItemPricedV3;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store over this engine, as users see it: streams, optimistic concurrency, idempotency, snapshots,
 * upconverters, unknown types and pipeline hooks. Stores are left open: closing one closes the engine, which
 * the kit does after each test.
 */
abstract class StoreContract extends Contract {

    private final String stream = newStreamId();

    StoreContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private EventStoreBuilder builder() {
        return Carts.builder(engine());
    }

    private EventStore store(PipelineHook... hooks) {
        return Carts.store(engine(), hooks);
    }

    /** Commits one commit per group of skus to {@link #stream}. */
    private List<Commit> commitAll(EventStore store, List<List<String>> commits) {
        List<Commit> written = new ArrayList<>();
        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            for (List<String> skus : commits) {
                skus.forEach(sku -> events.add(added(sku)));
                written.add(events.commitChanges(UUID.randomUUID()));
            }
        }
        return written;
    }

    @Test
    void commitChangesReturnsTheCommitWithItsCheckpoint() {
        UUID commitId = UUID.randomUUID();
        try (EventStream events = store().createStream(bucket, stream)) {
            events.add(added("a")).add(added("b"));

            Commit commit = events.commitChanges(commitId);

            assertTrue(commit.checkpoint() > 0, "checkpoint " + commit.checkpoint());
            assertEquals(commitId, commit.commitId());
            assertEquals(1, commit.commitSequence());
            assertEquals(2, commit.streamRevision());
            assertEquals(items("a", "b"), bodies(commit.events()));
            assertEquals(2, events.streamRevision());
            assertEquals(1, events.commitSequence());
            assertEquals(List.of(), events.uncommittedEvents());
        }
    }

    @Test
    void openStreamReadsTheCommittedEventsBack() {
        EventStore store = store();
        commitAll(store, List.of(List.of("a", "b"), List.of("c")));

        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            assertEquals(items("a", "b", "c"), bodies(events.committedEvents()));
            assertEquals(3, events.streamRevision());
            assertEquals(2, events.commitSequence());
        }
    }

    @Test
    void openStreamWithARevisionRangeReadsOnlyItsEvents() {
        EventStore store = store();
        commitAll(store, List.of(List.of("a"), List.of("b", "c"), List.of("d")));

        try (EventStream events = store.openStream(bucket, stream, 2, 3)) {
            assertEquals(items("b", "c"), bodies(events.committedEvents()));
            assertEquals(3, events.streamRevision());
        }
    }

    @Test
    @DisplayName("the losing stream gets ConcurrencyException, refreshes, keeps its changes and can retry")
    void losingStreamRefreshesKeepsItsChangesAndRetries() {
        EventStore store = store();
        try (EventStream winner = store.openStream(bucket, stream, 0, Long.MAX_VALUE);
             EventStream loser = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            winner.add(added("won")).commitChanges(UUID.randomUUID());
            loser.add(added("lost"));

            assertThrows(ConcurrencyException.class, () -> loser.commitChanges(UUID.randomUUID()));

            assertEquals(items("won"), bodies(loser.committedEvents()));
            assertEquals(1, loser.streamRevision());
            assertEquals(items("lost"), bodies(loser.uncommittedEvents()));
            Commit retried = loser.commitChanges(UUID.randomUUID());
            assertEquals(2, retried.commitSequence());
            assertEquals(2, retried.streamRevision());
        }
        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            assertEquals(items("won", "lost"), bodies(events.committedEvents()));
        }
    }

    @Test
    void sameCommitIdFromAReopenedStreamThrowsDuplicateCommitException() {
        EventStore store = store();
        UUID commitId = UUID.randomUUID();
        try (EventStream events = store.createStream(bucket, stream)) {
            events.add(added("a")).commitChanges(commitId);
        }

        try (EventStream reopened = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            reopened.add(added("a"));
            assertThrows(DuplicateCommitException.class, () -> reopened.commitChanges(commitId));
        }
        assertEquals(1, feed().size());
    }

    @Test
    @DisplayName("a redelivered commit from a stream opened before the first delivery is a duplicate")
    void sameCommitIdFromAStaleStreamThrowsDuplicateCommitException() {
        EventStore store = store();
        UUID commitId = UUID.randomUUID();
        try (EventStream first = store.openStream(bucket, stream, 0, Long.MAX_VALUE);
             EventStream redelivered = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            first.add(added("a")).commitChanges(commitId);
            redelivered.add(added("a"));

            assertThrows(DuplicateCommitException.class, () -> redelivered.commitChanges(commitId));
        }
        assertEquals(1, feed().size());
    }

    @Test
    void commitChangesWithoutEventsThrowsIllegalStateException() {
        try (EventStream events = store().createStream(bucket, stream)) {
            assertThrows(IllegalStateException.class, () -> events.commitChanges(UUID.randomUUID()));
        }
        assertEquals(List.of(), feed());
    }

    /**
     * Stream ids that another program sharing the store may have written (the C# NEventStore takes any length and
     * control characters) are refused on every way into a stream, naming the rule, so that none is ever written.
     */
    @Test
    void streamsWithIdsOutsideTheRulesCannotBeCreatedOrOpened() {
        EventStore store = store();
        String tooLong = "x".repeat(Ids.MAX_LENGTH + 1);

        IllegalArgumentException created = assertThrows(IllegalArgumentException.class,
                () -> store.createStream(bucket, tooLong));
        IllegalArgumentException opened = assertThrows(IllegalArgumentException.class,
                () -> store.openStream(bucket, "bell\u0007", 0, Long.MAX_VALUE));

        assertEquals("streamId is longer than " + Ids.MAX_LENGTH + " characters", created.getMessage());
        assertEquals("streamId must not contain control characters", opened.getMessage());
        assertEquals(List.of(), feed());
    }

    @Test
    void openStreamFromAboveTheHeadThrowsStreamNotFoundException() {
        EventStore store = store();
        commitAll(store, List.of(List.of("a", "b", "c")));

        assertThrows(StreamNotFoundException.class, () -> store.openStream(bucket, stream, 5, Long.MAX_VALUE));
    }

    @Test
    void openStreamFromASnapshotReadsOnlyLaterEventsAndCanCommit() {
        EventStore store = store();
        commitAll(store, List.of(List.of("a"), List.of("b"), List.of("c")));
        assertTrue(store.advanced().addSnapshot(new Snapshot(bucket, stream, 2, new CartState(2))));

        Snapshot snapshot = store.advanced().snapshot(bucket, stream, Long.MAX_VALUE).orElseThrow();
        assertEquals(new CartState(2), snapshot.payload());
        try (EventStream events = store.openStream(snapshot, Long.MAX_VALUE)) {
            assertEquals(items("c"), bodies(events.committedEvents()));
            assertEquals(3, events.streamRevision());
            assertEquals(3, events.commitSequence());

            Commit next = events.add(added("d")).commitChanges(UUID.randomUUID());

            assertEquals(4, next.commitSequence());
            assertEquals(4, next.streamRevision());
        }
    }

    @Test
    @DisplayName("events written as v1 read back as v3 through a chain of upconverters")
    void upconvertersChainFromTheStoredVersionToTheCurrentOne() {
        EventStore store = builder()
                .types(ItemPricedV1.class, ItemPricedV2.class, ItemPricedV3.class)
                .upconvert(ItemPricedV1.class, v1 -> new ItemPricedV2(v1.sku(), 1))
                .upconvert(ItemPricedV2.class, v2 -> new ItemPricedV3(v2.sku(), v2.quantity(), "EUR"))
                .build();
        try (EventStream events = store.createStream(bucket, stream)) {
            events.add(EventMessage.of(new ItemPricedV1("a"))).add(EventMessage.of(new ItemPricedV2("b", 3)));
            events.commitChanges(UUID.randomUUID());
        }

        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            assertEquals(List.of(new ItemPricedV3("a", 1, "EUR"), new ItemPricedV3("b", 3, "EUR")),
                    bodies(events.committedEvents()));
        }
    }

    @Test
    void eventOfAnUnregisteredTypeReadsBackAsRawEvent() {
        commitAll(store(), List.of(List.of("a")));
        EventStore unaware = EventStore.builder().engine(engine()).build();

        try (EventStream events = unaware.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            RawEvent raw = assertInstanceOf(RawEvent.class, events.committedEvents().get(0).body());
            assertEquals("tck.item-added", raw.type());
            assertEquals("application/json", raw.contentType());
            assertEquals(new ItemAdded("a", 1), EventSerializer.json().deserialize(raw.data(), ItemAdded.class));
        }
    }

    @Test
    void vetoingHookFailsTheCommitAndWritesNothing() {
        PipelineHook veto = new PipelineHook() {
            @Override
            public boolean preCommit(Commit attempt) {
                return false;
            }
        };
        try (EventStream events = store(veto).createStream(bucket, stream)) {
            events.add(added("a"));

            assertThrows(CommitVetoedException.class, () -> events.commitChanges(UUID.randomUUID()));
        }
        assertEquals(List.of(), feed());
        assertEquals(List.of(), readStream(bucket, stream));
    }

    @Test
    void selectHookCanHideACommitFromReads() {
        PipelineHook hideSecrets = new PipelineHook() {
            @Override
            public Optional<Commit> select(Commit committed) {
                return Boolean.TRUE.equals(committed.headers().get("secret")) ? Optional.empty()
                        : Optional.of(committed);
            }
        };
        EventStore store = store(hideSecrets);
        try (EventStream events = store.createStream(bucket, stream)) {
            events.add(added("public")).commitChanges(UUID.randomUUID());
            events.uncommittedHeaders().put("secret", true);
            events.add(added("secret")).commitChanges(UUID.randomUUID());
        }

        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            assertEquals(items("public"), bodies(events.committedEvents()));
        }
        assertEquals(1, toList(store.advanced().readAll(0)).size());
        assertEquals(2, feed().size());
    }

    @Test
    void postCommitHookSeesTheCheckpoint() {
        List<Commit> seen = new ArrayList<>();
        PipelineHook recorder = new PipelineHook() {
            @Override
            public void postCommit(Commit committed) {
                seen.add(committed);
            }
        };
        try (EventStream events = store(recorder).createStream(bucket, stream)) {
            Commit commit = events.add(added("a")).commitChanges(UUID.randomUUID());

            assertEquals(List.of(commit), seen);
            assertTrue(seen.get(0).checkpoint() > 0);
            assertEquals(feed().get(0).checkpoint(), seen.get(0).checkpoint());
        }
    }

    @Test
    void deleteAndPurgeHooksAreCalledAfterTheEngineActed() {
        List<String> calls = new ArrayList<>();
        PipelineHook recorder = new PipelineHook() {
            @Override
            public void onDeleteStream(String bucketId, String streamId) {
                calls.add("delete " + bucketId + "/" + streamId + " leaving " + feed().size());
            }

            @Override
            public void onPurge(String bucketId) {
                calls.add("purge " + bucketId);
            }

            @Override
            public void onPurge() {
                calls.add("purge");
            }
        };
        EventStore store = store(recorder);
        commitAll(store, List.of(List.of("a")));

        store.advanced().deleteStream(bucket, stream);
        store.advanced().purge(bucket);
        store.advanced().purge();

        assertEquals(List.of("delete " + bucket + "/" + stream + " leaving 0", "purge " + bucket, "purge"), calls);
    }

    @Test
    @DisplayName("commit and event headers with . and $ keys round-trip through the store")
    void headersWithDotAndDollarKeysRoundTripThroughTheStore() {
        Map<String, Object> headers = Map.of("a.b", 1, "$c", "x", "nested", Map.of("d.e", true, "$f", "g"));
        EventStore store = store();
        try (EventStream events = store.createStream(bucket, stream)) {
            events.uncommittedHeaders().putAll(headers);
            events.add(EventMessage.of(new ItemAdded("a", 1), headers)).commitChanges(UUID.randomUUID());
        }

        try (EventStream events = store.openStream(bucket, stream, 0, Long.MAX_VALUE)) {
            assertEquals(headers, events.committedHeaders());
            assertEquals(headers, events.committedEvents().get(0).headers());
        }
    }

    @Test
    void readAllReturnsEveryCommitInCheckpointOrder() {
        EventStore store = store();
        List<Commit> first = commitAll(store, List.of(List.of("a"), List.of("b", "c")));
        Commit other;
        try (EventStream events = store.createStream(otherBucket, stream)) {
            other = events.add(added("x")).commitChanges(UUID.randomUUID());
        }

        List<Commit> all = toList(store.advanced().readAll(0));

        assertEquals(List.of(first.get(0).commitId(), first.get(1).commitId(), other.commitId()),
                all.stream().map(Commit::commitId).toList());
        assertEquals(List.of(other.commitId()),
                toList(store.advanced().readAll(otherBucket, 0)).stream().map(Commit::commitId).toList());
        assertEquals(items("b", "c"), bodies(all.get(1).events()));
    }

    @Test
    @DisplayName("readBetween finds commits by the store clock's stamp, or is refused without READ_BY_TIME")
    void readBetweenFollowsTheCapability() {
        Instant stamp = Instant.parse("2030-01-01T00:00:00.123Z");
        EventStore store = builder().clock(Clock.fixed(stamp, ZoneOffset.UTC)).build();
        commitAll(store, List.of(List.of("a")));

        if (store.advanced().capabilities().contains(Capability.READ_BY_TIME)) {
            List<Commit> found = toList(store.advanced().readBetween(bucket, stamp, stamp.plusMillis(1)));
            assertEquals(1, found.size());
            assertEquals(stamp, found.get(0).commitStamp());
            assertEquals(List.of(), toList(store.advanced().readFrom(bucket, stamp.plusMillis(1))));
        } else {
            assertThrows(UnsupportedOperationException.class,
                    () -> consume(store.advanced().readBetween(bucket, stamp, stamp.plusMillis(1))));
        }
        assertEquals(stamp, feed(FeedRange.after(bucket, 0)).get(0).commitStamp());
    }
}
