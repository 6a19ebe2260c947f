package org.jeventstore.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.subscription.DispatchMode;
import org.jeventstore.subscription.Subscription;
import org.jeventstore.subscription.SubscriptionOptions;

/**
 * Dispatch figures on a named {@code memory:} store: how fast an asynchronous dispatcher delivers a backlog to
 * a no-op handler, and the delay from the start of {@code commitChanges} to the delivery of that commit.
 */
final class DispatchBenchmark {

    private static final int BACKLOG = 1_000_000;
    private static final int LATENCY_SAMPLES = 5_000;
    /** A steady 2 000 commits/s: the delay measures delivery, not a backlog. */
    private static final long PACE_NANOS = 500_000;

    private DispatchBenchmark() {
    }

    static void run() throws InterruptedException {
        String uri = "memory:bench-dispatch-" + UUID.randomUUID();
        try (EventStore writer = open(uri, null)) {
            commit(writer, BACKLOG, null, 0);
        }
        AtomicLong delivered = new AtomicLong();
        long start = System.nanoTime();
        try (EventStore store = open(uri, commit -> delivered.incrementAndGet())) {
            Subscription dispatcher = store.dispatcher().orElseThrow();
            if (!dispatcher.awaitPosition(BACKLOG, Duration.ofMinutes(5))) {
                throw new IllegalStateException("dispatcher did not catch up");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("async dispatcher, backlog of %,d commits to a no-op handler: %,.0f commits/s%n",
                    delivered.get(), delivered.get() / seconds);
        }
        latency();
    }

    private static void latency() throws InterruptedException {
        ConcurrentHashMap<UUID, Long> deliveredAt = new ConcurrentHashMap<>();
        ConcurrentHashMap<UUID, Long> startedAt = new ConcurrentHashMap<>();
        String uri = "memory:bench-latency-" + UUID.randomUUID();
        try (EventStore store = open(uri, commit -> deliveredAt.put(commit.commitId(), System.nanoTime()))) {
            Commit last = commit(store, LATENCY_SAMPLES, startedAt, PACE_NANOS);
            store.dispatcher().orElseThrow().awaitPosition(last.checkpoint(), Duration.ofMinutes(1));
        }
        long[] micros = startedAt.entrySet().stream()
                .filter(entry -> deliveredAt.containsKey(entry.getKey()))
                .mapToLong(entry -> (deliveredAt.get(entry.getKey()) - entry.getValue()) / 1_000)
                .sorted().toArray();
        long[] measured = Arrays.copyOfRange(micros, 0, micros.length);
        System.out.printf("delay from commitChanges to delivery (%,d commits, one every %d µs): median %d µs, p99 %d µs%n",
                measured.length, PACE_NANOS / 1_000, measured[measured.length / 2], measured[(int) (measured.length * 0.99)]);
    }

    private static EventStore open(String uri, org.jeventstore.subscription.CommitHandler handler) {
        var builder = EventStore.builder().engine(uri).types(ItemAdded.class);
        if (handler != null) {
            builder.dispatchTo("bench-dispatcher", handler, DispatchMode.ASYNCHRONOUS, SubscriptionOptions.defaults());
        }
        return builder.build();
    }

    /** Commits single-event commits, recording when each commit started if asked to. */
    private static Commit commit(EventStore store, int count, ConcurrentHashMap<UUID, Long> startedAt,
                                 long paceNanos) {
        Commit last = null;
        long next = System.nanoTime();
        EventStream stream = store.createStream("dispatch-" + UUID.randomUUID());
        for (int i = 0; i < count; i++) {
            if (stream.streamRevision() == 10_000) {
                stream = store.createStream("dispatch-" + UUID.randomUUID());
            }
            stream.add(EventMessage.of(Benchmarks.event(i % Benchmarks.STREAMS, i)));
            UUID commitId = UUID.randomUUID();
            if (startedAt != null) {
                startedAt.put(commitId, System.nanoTime());
            }
            last = stream.commitChanges(commitId);
            if (paceNanos > 0) {
                next += paceNanos;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
        return last;
    }
}
