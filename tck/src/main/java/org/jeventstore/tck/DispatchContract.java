package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jeventstore.Commit;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.EventContext;
import org.jeventstore.subscription.EventRouter;
import org.jeventstore.subscription.FailurePolicy;
import org.jeventstore.subscription.RetryPolicy;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;
import org.jeventstore.tck.TckEvents.CartState;
import org.jeventstore.tck.TckEvents.ItemAdded;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Dispatching and subscriptions over this engine: every commit delivered at least once, in checkpoint order,
 * across restarts, with failing handlers retried and then stopped or parked. Waits are bounded by
 * {@link #WAIT}.
 */
@Tag(DispatchContract.TAG)
abstract class DispatchContract extends Contract {

    /** Tags these tests, whose waits make them slow to fail, so that the kit's self-test can leave them out. */
    static final String TAG = "dispatch";

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Short waits; a short lease too, as a dispatcher restarted after a crash waits for its lease to expire. */
    private static final SubscriptionOptions FAST = SubscriptionOptions.defaults()
            .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
            .withPollInterval(Duration.ofMillis(50))
            .withLeaseTimeout(Duration.ofMillis(500));

    DispatchContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private EventStore store(PersistenceEngine engine) {
        return EventStore.builder().engine(engine).pageSize(PersistenceEngineTck.PAGE_SIZE)
                .types(ItemAdded.class, CartState.class).build();
    }

    private EventStore dispatching(PersistenceEngine engine, String name, CommitHandler handler, DispatchMode mode) {
        return EventStore.builder().engine(engine).pageSize(PersistenceEngineTck.PAGE_SIZE)
                .types(ItemAdded.class, CartState.class)
                .dispatchTo(name, handler, mode, FAST)
                .build();
    }

    private Commit commitOne(EventStore store, String streamId) {
        try (EventStream stream = store.openStream(bucket, streamId, 0, Long.MAX_VALUE)) {
            stream.add(EventMessage.of(new ItemAdded("sku", 1)));
            return stream.commitChanges(UUID.randomUUID());
        }
    }

    private List<Commit> commitMany(EventStore store, int count) {
        List<Commit> commits = new ArrayList<>();
        String streamId = newStreamId();
        for (int i = 0; i < count; i++) {
            commits.add(commitOne(store, streamId));
        }
        return commits;
    }

    /** Commits {@code perWriter} commits from each of {@code writers} threads to streams of their own. */
    private List<Commit> commitConcurrently(EventStore store, int writers, int perWriter) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Commit>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                results.add(pool.submit(() -> {
                    List<Commit> written = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        while (true) {
                            try {
                                written.add(commitOne(store, "shared-" + (i % 3)));
                                break;
                            } catch (ConcurrencyException lostTheRace) {
                                // another writer took the sequence: reopen and try again
                            }
                        }
                    }
                    return written;
                }));
            }
            List<Commit> all = new ArrayList<>();
            for (Future<List<Commit>> result : results) {
                all.addAll(result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> checkpoints(List<Commit> commits) {
        return commits.stream().map(Commit::checkpoint).sorted().toList();
    }

    private static long last(List<Commit> commits) {
        return commits.stream().mapToLong(Commit::checkpoint).max().orElseThrow();
    }

    /** Only the commits of this test's bucket: other tests' commits may share the store. */
    private CommitHandler collectInto(List<Commit> delivered) {
        return commit -> {
            if (commit.bucketId().equals(bucket)) {
                delivered.add(commit);
            }
        };
    }

    @Test
    void subscriptionFromZeroDuringConcurrentWritesSeesEveryCommitOnceInOrder() throws Exception {
        EventStore store = store(engine());
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store.subscribe(0, collectInto(delivered), FAST)) {
            List<Commit> written = commitConcurrently(store, 4, 15);
            assertTrue(subscription.awaitPosition(last(written), WAIT), "subscription caught up");
            assertEquals(checkpoints(written), delivered.stream().map(Commit::checkpoint).toList());
        }
    }

    @Test
    void subscriptionCatchesUpThenFollowsLiveCommits() throws Exception {
        EventStore store = store(engine());
        List<Commit> before = commitMany(store, 3);
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store.subscribe(0, collectInto(delivered), FAST)) {
            assertTrue(subscription.awaitPosition(last(before), WAIT));
            List<Commit> after = commitMany(store, 2);
            assertTrue(subscription.awaitPosition(last(after), WAIT));
            assertEquals(concat(checkpoints(before), checkpoints(after)),
                    delivered.stream().map(Commit::checkpoint).toList());
            assertEquals(before.get(0).commitId(), delivered.get(0).commitId());
            assertEquals(List.of(new ItemAdded("sku", 1)), delivered.get(0).events().stream().map(EventMessage::body).toList());
        }
    }

    @Test
    void subscriptionStartsAfterTheGivenCheckpoint() throws Exception {
        EventStore store = store(engine());
        List<Commit> before = commitMany(store, 3);
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store.subscribe(before.get(1).checkpoint(), collectInto(delivered), FAST)) {
            assertTrue(subscription.awaitPosition(last(before), WAIT));
            assertEquals(List.of(before.get(2).checkpoint()), delivered.stream().map(Commit::checkpoint).toList());
        }
    }

    @Test
    void localCommitsReachAnIdleSubscriptionWithoutWaitingForThePollInterval() throws Exception {
        EventStore store = store(engine());
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        SubscriptionOptions neverPolls = FAST.withPollInterval(Duration.ofHours(1));
        try (Subscription subscription = store.subscribe(0, collectInto(delivered), neverPolls)) {
            List<Commit> first = commitMany(store, 1);
            assertTrue(subscription.awaitPosition(last(first), WAIT));
            Commit live = commitOne(store, newStreamId());
            assertTrue(subscription.awaitPosition(live.checkpoint(), WAIT), "woken by the local commit");
        }
    }

    @Test
    void commitsOfAnotherProcessReachTheSubscriptionByPolling() throws Exception {
        EventStore store = store(engine());
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store.subscribe(0, collectInto(delivered), FAST)) {
            CommitRecord foreign = reopen().commit(Attempts.first(bucket, newStreamId()).build());
            assertTrue(subscription.awaitPosition(foreign.checkpoint(), WAIT));
            assertEquals(List.of(foreign.commitId()), delivered.stream().map(Commit::commitId).toList());
        }
    }

    @Test
    void awaitPositionGivesUpAfterItsTimeout() throws Exception {
        EventStore store = store(engine());
        try (Subscription subscription = store.subscribe(0, commit -> { }, FAST)) {
            assertFalse(subscription.awaitPosition(Long.MAX_VALUE, Duration.ofMillis(20)));
            assertTrue(subscription.isRunning());
        }
    }

    @Test
    void closedSubscriptionStopsRunning() throws Exception {
        EventStore store = store(engine());
        Subscription subscription = store.subscribe(0, commit -> { }, FAST);
        subscription.close();
        subscription.close();
        assertFalse(subscription.isRunning());
        assertTrue(subscription.failure().isEmpty());
    }

    @Test
    void namedSubscriptionResumesAfterItsStoredPosition() throws Exception {
        String name = newId("projection");
        List<Commit> first = new CopyOnWriteArrayList<>();
        List<Commit> written;
        EventStore store = store(engine());
        try (Subscription subscription = store.subscribe(name, collectInto(first), FAST)) {
            written = commitMany(store, 3);
            assertTrue(subscription.awaitPosition(last(written), WAIT));
        }
        store.close();
        List<Commit> second = new CopyOnWriteArrayList<>();
        EventStore restarted = store(reopen());
        try (Subscription subscription = restarted.subscribe(name, collectInto(second), FAST)) {
            List<Commit> more = commitMany(restarted, 2);
            assertTrue(subscription.awaitPosition(last(more), WAIT));
            assertEquals(checkpoints(written), first.stream().map(Commit::checkpoint).toList());
            assertEquals(checkpoints(more), second.stream().map(Commit::checkpoint).toList());
        } finally {
            restarted.close();
        }
    }

    @Test
    void namedSubscriptionWithoutAStoredPositionStartsAfterStartAfter() throws Exception {
        String name = newId("imported");
        EventStore store = store(engine());
        List<Commit> before = commitMany(store, 3);
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store.subscribe(name, collectInto(delivered),
                FAST.withStartAfter(before.get(1).checkpoint()))) {
            Commit live = commitOne(store, newStreamId());
            assertTrue(subscription.awaitPosition(live.checkpoint(), WAIT));
            assertEquals(List.of(before.get(2).checkpoint(), live.checkpoint()),
                    delivered.stream().map(Commit::checkpoint).toList());
        }
    }

    @Test
    void storedPositionWinsOverStartAfter() throws Exception {
        String name = newId("projection");
        EventStore store = store(engine());
        List<Commit> first = commitMany(store, 2);
        try (Subscription subscription = store.subscribe(name, commit -> { }, FAST)) {
            assertTrue(subscription.awaitPosition(last(first), WAIT));
        }
        List<Commit> more = commitMany(store, 2);
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store.subscribe(name, collectInto(delivered),
                FAST.withStartAfter(last(more)))) {
            assertTrue(subscription.awaitPosition(last(more), WAIT));
            assertEquals(checkpoints(more), delivered.stream().map(Commit::checkpoint).toList(),
                    "resumed from the stored position, not from startAfter");
        }
    }

    @Test
    void dispatcherWithoutAStoredPositionStartsAfterStartAfter() throws Exception {
        String name = newId("dispatcher");
        List<Commit> before;
        try (EventStore store = store(engine())) {
            before = commitMany(store, 3);
        }
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        try (EventStore store = EventStore.builder().engine(reopen()).pageSize(PersistenceEngineTck.PAGE_SIZE)
                .types(ItemAdded.class, CartState.class)
                .dispatchTo(name, collectInto(delivered), DispatchMode.ASYNCHRONOUS,
                        FAST.withStartAfter(before.get(0).checkpoint()))
                .build()) {
            Subscription dispatcher = store.dispatcher().orElseThrow();
            assertTrue(dispatcher.awaitPosition(last(before), WAIT));
            assertEquals(checkpoints(before.subList(1, 3)), delivered.stream().map(Commit::checkpoint).toList());
        }
    }

    @Test
    void anUnnamedSubscriptionRefusesStartAfter() {
        EventStore store = store(engine());
        assertThrows(IllegalArgumentException.class,
                () -> store.subscribe(0, commit -> { }, FAST.withStartAfter(1)));
    }

    @Test
    void twoSubscriptionsOfOneNameCannotRunInOneStore() {
        EventStore store = store(engine());
        String name = newId("projection");
        try (Subscription first = store.subscribe(name, commit -> { }, FAST)) {
            assertThrows(IllegalStateException.class, () -> store.subscribe(name, commit -> { }, FAST));
        }
        store.subscribe(name, commit -> { }, FAST).close();
    }

    @Test
    void asynchronousDispatcherDeliversEveryCommitOfConcurrentWritersInOrder() throws Exception {
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        EventStore store = dispatching(engine(), newId("dispatcher"), collectInto(delivered), DispatchMode.ASYNCHRONOUS);
        List<Commit> written = commitConcurrently(store, 4, 15);
        Subscription dispatcher = store.dispatcher().orElseThrow();
        assertTrue(dispatcher.awaitPosition(last(written), WAIT));
        assertEquals(checkpoints(written), delivered.stream().map(Commit::checkpoint).toList());
    }

    @Test
    void synchronousDispatcherHasDeliveredWhenCommitChangesReturns() {
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        EventStore store = dispatching(engine(), newId("dispatcher"), collectInto(delivered), DispatchMode.SYNCHRONOUS);
        String streamId = newStreamId();
        for (int i = 0; i < 3; i++) {
            Commit commit = commitOne(store, streamId);
            assertEquals(commit.checkpoint(), delivered.get(delivered.size() - 1).checkpoint());
        }
        assertEquals(3, delivered.size());
    }

    @Test
    void aSynchronousDispatchHandlerThatCommitsDoesNotWaitForItself() throws Exception {
        AtomicReference<EventStore> self = new AtomicReference<>();
        String followUps = newStreamId();
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        AtomicReference<Commit> followUp = new AtomicReference<>();
        CommitHandler handler = commit -> {
            collectInto(delivered).handle(commit);
            if (commit.bucketId().equals(bucket) && !commit.streamId().equals(followUps)) {
                followUp.set(commitOne(self.get(), followUps));
            }
        };
        EventStore store = EventStore.builder().engine(engine()).pageSize(PersistenceEngineTck.PAGE_SIZE)
                .types(ItemAdded.class)
                .dispatchTo(newId("dispatcher"), handler, DispatchMode.SYNCHRONOUS,
                        FAST.withSyncTimeout(Duration.ofMinutes(5)))
                .build();
        self.set(store);
        Commit first = assertTimeoutPreemptively(WAIT, () -> commitOne(store, newStreamId()));
        // The follow-up was committed inside the first dispatch, which the synchronous commit waited for.
        long next = followUp.get().checkpoint();
        assertTrue(store.dispatcher().orElseThrow().awaitPosition(next, WAIT));
        assertEquals(List.of(first.checkpoint(), next), delivered.stream().map(Commit::checkpoint).toList());
    }

    @Test
    void aFailingSynchronousDispatchDoesNotUndoTheCommit() {
        SubscriptionOptions oneTry = FAST.withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
        EventStore store = EventStore.builder().engine(engine()).pageSize(PersistenceEngineTck.PAGE_SIZE)
                .types(ItemAdded.class)
                .dispatchTo(newId("dispatcher"), commit -> {
                    throw new IllegalStateException("bus down");
                }, DispatchMode.SYNCHRONOUS, oneTry)
                .build();
        Commit commit = commitOne(store, newStreamId());
        assertEquals(1, toList(engine().readFeed(org.jeventstore.spi.FeedRange.after(bucket, 0))).size());
        assertTrue(commit.checkpoint() > 0);
        Subscription dispatcher = store.dispatcher().orElseThrow();
        assertFalse(dispatcher.isRunning());
        assertInstanceOf(IllegalStateException.class, dispatcher.failure().orElseThrow());
    }

    @Test
    void dispatcherStoppedBetweenDeliveryAndAcknowledgementRedeliversOnRestart() throws Exception {
        String name = newId("dispatcher");
        PersistenceEngine crashing = engine();
        List<Commit> firstRun = new CopyOnWriteArrayList<>();
        List<Commit> written;
        EventStore store = store(crashing);
        written = commitMany(store, 5);
        // The first run delivers the third commit, then the process "dies" before it can store its position.
        EventStore doomed = EventStore.builder().engine(crashing).pageSize(PersistenceEngineTck.PAGE_SIZE)
                .types(ItemAdded.class)
                .dispatchTo(name, commit -> {
                    if (commit.bucketId().equals(bucket)) {
                        firstRun.add(commit);
                        if (commit.checkpoint() == written.get(2).checkpoint()) {
                            crashing.close();
                        }
                    }
                }, DispatchMode.ASYNCHRONOUS, FAST)
                .build();
        Subscription dead = doomed.dispatcher().orElseThrow();
        assertFalse(dead.awaitPosition(Long.MAX_VALUE, WAIT), "the dispatcher stops when its engine dies");
        assertTrue(dead.failure().isPresent());
        List<Long> firstCheckpoints = firstRun.stream().map(Commit::checkpoint).toList();
        assertEquals(checkpoints(written.subList(0, 3)), firstCheckpoints.subList(0, 3),
                "the first run delivered in order up to the crash (and perhaps the rest of its page)");
        doomed.close();

        List<Commit> secondRun = new CopyOnWriteArrayList<>();
        EventStore restarted = dispatching(reopen(), name, collectInto(secondRun), DispatchMode.ASYNCHRONOUS);
        try {
            assertTrue(restarted.dispatcher().orElseThrow().awaitPosition(last(written), WAIT));
            List<Long> redelivered = secondRun.stream().map(Commit::checkpoint).toList();
            assertTrue(redelivered.contains(written.get(2).checkpoint()), "the unacknowledged commit is redelivered");
            assertEquals(checkpoints(written).subList(5 - redelivered.size(), 5), redelivered,
                    "the restart delivers a suffix of the feed, in order");
        } finally {
            restarted.close();
        }
    }

    @Test
    void aHandlerThatFailsIsRetriedUntilItSucceeds() throws Exception {
        EventStore store = store(engine());
        List<Commit> written = commitMany(store, 1);
        AtomicInteger calls = new AtomicInteger();
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        CommitHandler flaky = commit -> {
            if (commit.bucketId().equals(bucket) && calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            collectInto(delivered).handle(commit);
        };
        try (Subscription subscription = store.subscribe(0, flaky, FAST)) {
            assertTrue(subscription.awaitPosition(last(written), WAIT));
            assertEquals(3, calls.get());
            assertEquals(checkpoints(written), delivered.stream().map(Commit::checkpoint).toList());
        }
    }

    @Test
    void aHandlerThatKeepsFailingStopsTheSubscriptionUnderTheStopPolicy() throws Exception {
        EventStore store = store(engine());
        List<Commit> written = commitMany(store, 3);
        AtomicInteger calls = new AtomicInteger();
        CommitHandler failsOnSecond = commit -> {
            if (commit.checkpoint() == written.get(1).checkpoint()) {
                calls.incrementAndGet();
                throw new IllegalStateException("poison");
            }
        };
        try (Subscription subscription = store.subscribe(0, failsOnSecond, FAST.withFailurePolicy(FailurePolicy.STOP))) {
            assertFalse(subscription.awaitPosition(last(written), WAIT));
            assertFalse(subscription.isRunning());
            assertEquals("poison", subscription.failure().orElseThrow().getMessage());
            assertEquals(3, calls.get(), "retried up to the policy's attempts");
            assertTrue(subscription.position() < written.get(1).checkpoint(), "nothing skipped");
        }
    }

    @Test
    void aHandlerThatKeepsFailingParksTheCommitUnderTheParkPolicy() throws Exception {
        EventStore store = store(engine());
        List<Commit> written = commitMany(store, 3);
        long poison = written.get(1).checkpoint();
        AtomicInteger poisonCalls = new AtomicInteger();
        List<Commit> delivered = new CopyOnWriteArrayList<>();
        CommitHandler handler = commit -> {
            if (commit.checkpoint() == poison && poisonCalls.incrementAndGet() <= 3) {
                throw new IllegalStateException("poison");
            }
            collectInto(delivered).handle(commit);
        };
        String name = newId("parking");
        try (Subscription subscription = store.subscribe(name, handler, FAST.withFailurePolicy(FailurePolicy.PARK))) {
            assertTrue(subscription.awaitPosition(last(written), WAIT));
            assertEquals(List.of(written.get(0).checkpoint(), written.get(2).checkpoint()),
                    delivered.stream().map(Commit::checkpoint).toList());
            assertEquals(List.of(poison), subscription.parked());
        }
        try (Subscription again = store(reopen()).subscribe(name, handler, FAST.withFailurePolicy(FailurePolicy.PARK))) {
            assertEquals(List.of(poison), again.parked(), "the dead-letter list is durable");
            assertTrue(again.redeliver(poison));
            assertEquals(List.of(), again.parked());
            assertFalse(again.redeliver(poison));
            assertEquals(poison, delivered.get(delivered.size() - 1).checkpoint());
        }
    }

    @Test
    void eventRouterHandsEachEventToTheHandlersOfItsType() throws Exception {
        EventStore store = store(engine());
        String streamId = newStreamId();
        Commit commit;
        try (EventStream stream = store.openStream(bucket, streamId, 0, Long.MAX_VALUE)) {
            stream.add(EventMessage.of(new ItemAdded("a", 1)));
            stream.add(EventMessage.of(new CartState(1), Map.of("kind", "state")));
            stream.add(EventMessage.of(new ItemAdded("b", 2)));
            commit = stream.commitChanges(UUID.randomUUID());
        }
        List<String> seen = new CopyOnWriteArrayList<>();
        EventRouter router = EventRouter.builder()
                .on(ItemAdded.class, (ItemAdded added, EventContext context) ->
                        seen.add(added.sku() + "@" + context.streamRevision() + "/" + context.streamId()))
                .otherwise((Object other, EventContext context) -> seen.add("other:" + context.headers().get("kind")))
                .build();
        router.handle(toList(store.advanced().readAll(bucket, commit.checkpoint() - 1)).get(0));
        assertEquals(List.of("a@1/" + streamId, "other:state", "b@3/" + streamId), seen);
    }

    @Test
    void asyncTwinsOpenCommitAndRead() throws Exception {
        EventStore store = store(engine());
        String streamId = newStreamId();
        EventStream stream = store.openStreamAsync(bucket, streamId, 0, Long.MAX_VALUE).get(20, TimeUnit.SECONDS);
        stream.add(EventMessage.of(new ItemAdded("async", 1)));
        Commit commit = stream.commitChangesAsync(UUID.randomUUID()).get(20, TimeUnit.SECONDS);
        assertEquals(1, stream.streamRevision());
        assertEquals(List.of(commit.commitId()), store.advanced()
                .readStreamAsync(bucket, streamId, 0, Long.MAX_VALUE).get(20, TimeUnit.SECONDS)
                .stream().map(Commit::commitId).toList());
        assertEquals(List.of(commit.checkpoint()), store.advanced()
                .readAllAsync(commit.checkpoint() - 1, 10).get(20, TimeUnit.SECONDS)
                .stream().map(Commit::checkpoint).toList());
    }
}
