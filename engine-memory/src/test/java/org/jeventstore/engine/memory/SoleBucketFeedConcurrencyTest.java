package org.jeventstore.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;
import org.junit.jupiter.api.Test;

/**
 * Readers of the only bucket's feed while a second bucket is made and both take commits, and the first one's
 * streams are deleted: every read, whether it began on the store-wide feed or on the bucket's own, holds only the
 * bucket's commits, in order, none skipped and none arriving late.
 */
class SoleBucketFeedConcurrencyTest {

    private static final int ROUNDS = 20;
    private static final int KEPT_COMMITS = 600;
    /** Bucket a's commits before bucket b is made, so that reads are under way on the store-wide feed. */
    private static final int BEFORE_SECOND_BUCKET = 50;

    private static CommitRecord commit(MemoryEngine engine, String bucketId, String streamId, int stamp) {
        long sequence;
        try (Stream<CommitRecord> stream = engine.readStream(new StreamRange(bucketId, streamId, 0, Long.MAX_VALUE))) {
            sequence = 1 + stream.reduce((first, second) -> second).map(CommitRecord::commitSequence).orElse(0L);
        }
        EventRecord event = new EventRecord(new byte[] {'{', '}'}, new Payload("t", Payload.JSON, new byte[] {'1'}));
        return engine.commit(new CommitAttempt(bucketId, streamId, sequence, UUID.randomUUID(), sequence,
                Instant.ofEpochMilli(stamp), new byte[] {'{', '}'}, List.of(event)));
    }

    @Test
    void readsOfTheSoleBucketAcrossTheSecondBucketsCreationMissNoneOfItsCommitsAndSeeNoOthers() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                runRound(pool, 1 + round % 4);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runRound(ExecutorService pool, int pageSize) throws Exception {
        MemoryEngine engine = new MemoryEngine("test", new MemoryStorage(),
                EngineOptions.defaults().withPageSize(pageSize));
        // Commits of bucket a's streams that are never deleted: every read must hold those below what it saw.
        Set<Long> kept = ConcurrentHashMap.newKeySet();
        AtomicInteger keptCount = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> writers = new ArrayList<>();
        writers.add(pool.submit(() -> {
            for (int i = 0; i < KEPT_COMMITS; i++) {
                kept.add(commit(engine, "a", "kept-" + i % 5, i).checkpoint());
                keptCount.incrementAndGet();
                commit(engine, "a", "deleted-" + i % 3, i);
            }
        }));
        writers.add(pool.submit(() -> {
            while (keptCount.get() < BEFORE_SECOND_BUCKET) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < 2 * KEPT_COMMITS; i++) {
                commit(engine, "b", "s-" + i % 7, i);
            }
        }));
        List<Future<?>> others = new ArrayList<>();
        others.add(pool.submit(() -> {
            for (int i = 0; writing.get(); i++) {
                engine.deleteStream(new StreamKey("a", "deleted-" + i % 3));
                // Bucket b's deletes and purges empty slots of the store-wide feed, and have its chunks merged,
                // around and above bucket a's commits in it.
                engine.deleteStream(new StreamKey("b", "s-" + i % 7));
                if (i % 50 == 49) {
                    engine.purge(Optional.of("b"));
                }
                Thread.yield();
            }
        }));
        for (int reader = 0; reader < 3; reader++) {
            boolean bounded = reader == 1;
            boolean fromAnywhere = reader == 2;
            Random random = new Random(reader);
            others.add(pool.submit(() -> {
                while (writing.get()) {
                    long last = engine.lastCheckpoint();
                    read(engine, kept, fromAnywhere ? random.nextLong(last + 1) : 0,
                            bounded || fromAnywhere && random.nextBoolean() ? last : Long.MAX_VALUE, wrong);
                }
            }));
        }
        others.add(pool.submit(() -> resume(engine, kept, writing, wrong)));
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (Future<?> other : others) {
            other.get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), "page size " + pageSize);

        List<Long> feed = checkpoints(engine.readFeed(FeedRange.after("a", 0)));
        assertEquals(checkpoints(engine.readFeed(FeedRange.after(0)).filter(c -> c.bucketId().equals("a"))), feed);
        assertEquals(feed, checkpoints(engine.readByTime(new TimeRange("a", Instant.EPOCH, Instant.MAX)))
                .stream().sorted().toList());
    }

    /**
     * One read of bucket a's feed in {@code (after, to]}, to the end or to the last checkpoint when it began; what is
     * wrong goes to wrong.
     */
    private static void read(MemoryEngine engine, Set<Long> kept, long after, long to, List<String> wrong) {
        Set<Long> keptBefore = Set.copyOf(kept);
        List<CommitRecord> read;
        try (Stream<CommitRecord> commits = engine.readFeed(new FeedRange("a", after, to))) {
            read = commits.toList();
        }
        Set<Long> seen = new HashSet<>();
        long previous = after;
        for (CommitRecord record : read) {
            if (!record.bucketId().equals("a") || record.checkpoint() <= previous || record.checkpoint() > to) {
                wrong.add(record.bucketId() + "/" + record.checkpoint() + " after " + previous + ", to " + to);
            }
            previous = record.checkpoint();
            seen.add(record.checkpoint());
        }
        for (long checkpoint : keptBefore) {
            if (checkpoint > after && checkpoint <= to && !seen.contains(checkpoint)) {
                wrong.add("skipped " + checkpoint + ", committed before the read began");
            }
        }
        for (long checkpoint : Set.copyOf(kept)) {
            if (checkpoint > after && checkpoint < previous && !seen.contains(checkpoint)) {
                wrong.add("late " + checkpoint + ", below " + previous + " that the read saw");
            }
        }
    }

    /**
     * Reads bucket a's feed a few commits at a time, each read from the last checkpoint the one before saw, as a
     * dispatcher does, across the second bucket's creation: together they must hold every kept commit below the
     * last one seen, each once, in order.
     */
    private static void resume(MemoryEngine engine, Set<Long> kept, AtomicBoolean writing, List<String> wrong) {
        List<Long> seen = new ArrayList<>();
        long after = 0;
        while (writing.get()) {
            try (Stream<CommitRecord> commits = engine.readFeed(FeedRange.after("a", after))) {
                for (CommitRecord record : commits.limit(3).toList()) {
                    if (!record.bucketId().equals("a") || record.checkpoint() <= after) {
                        wrong.add("resumed read after " + after + " returned " + record.bucketId() + "/"
                                + record.checkpoint());
                    }
                    seen.add(record.checkpoint());
                    after = record.checkpoint();
                }
            }
        }
        Set<Long> all = new HashSet<>(seen);
        for (long checkpoint : Set.copyOf(kept)) {
            if (checkpoint <= after && !all.contains(checkpoint)) {
                wrong.add("resumed reads skipped " + checkpoint + ", below " + after);
            }
        }
    }

    private static List<Long> checkpoints(Stream<CommitRecord> commits) {
        try (commits) {
            return commits.map(CommitRecord::checkpoint).toList();
        }
    }
}
