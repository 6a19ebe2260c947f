package org.jeventstore.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * A store's only bucket reads its feed from the store-wide one: once a second bucket is made, each bucket's feed,
 * including a read that began before, holds its own commits only, and deletes and purges keep it so.
 */
class SoleBucketFeedTest {

    private final MemoryEngine engine = new MemoryEngine("test", new MemoryStorage(), EngineOptions.defaults()
            .withPageSize(2));
    private final List<Long> checkpoints = new ArrayList<>();

    private long commit(String bucketId, String streamId) {
        long sequence;
        try (Stream<CommitRecord> stream = engine.readStream(new StreamRange(bucketId, streamId, 0, Long.MAX_VALUE))) {
            sequence = 1 + stream.count();
        }
        EventRecord event = new EventRecord(new byte[] {'{', '}'}, new Payload("t", Payload.JSON, new byte[] {'1'}));
        CommitRecord stored = engine.commit(new CommitAttempt(bucketId, streamId, sequence, UUID.randomUUID(),
                sequence, Instant.ofEpochMilli(1_000 + checkpoints.size()), new byte[] {'{', '}'}, List.of(event)));
        checkpoints.add(stored.checkpoint());
        return stored.checkpoint();
    }

    private List<Long> feed(String bucketId) {
        try (Stream<CommitRecord> commits = engine.readFeed(FeedRange.after(bucketId, 0))) {
            return commits.map(CommitRecord::checkpoint).toList();
        }
    }

    private List<Long> all() {
        try (Stream<CommitRecord> commits = engine.readFeed(FeedRange.after(0))) {
            return commits.map(CommitRecord::checkpoint).toList();
        }
    }

    @Test
    void aReadOfTheSoleBucketThatBeganBeforeASecondBucketSeesOnlyItsOwnCommits() {
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(commit("a", "s" + i % 2));
        }
        try (Stream<CommitRecord> reading = engine.readFeed(FeedRange.after("a", 0))) {
            Iterator<CommitRecord> commits = reading.iterator();
            List<Long> read = new ArrayList<>();
            read.add(commits.next().checkpoint());

            List<Long> others = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                others.add(commit("b", "s" + i % 3));
                if (i % 2 == 0) {
                    first.add(commit("a", "s" + i % 2));
                }
            }
            commits.forEachRemaining(record -> read.add(record.checkpoint()));

            assertEquals(first, read, "a page of the store-wide feed is mostly the other bucket's: still full pages");
            assertEquals(first, feed("a"));
            assertEquals(others, feed("b"));
            assertEquals(checkpoints, all());
        }
    }

    /**
     * Once a second bucket is made, the first one's commits up to then stay in the store-wide feed only, and its
     * later ones go to its own feed too: its reads, its time index, deletes and a purge join the two parts.
     */
    @Test
    void theFirstBucketsCommitsBeforeAndAfterTheSecondBucketReadAsOneFeed() {
        long a1 = commit("a", "x");
        long a2 = commit("a", "y");
        long a3 = commit("a", "x");
        long b1 = commit("b", "x");
        long a4 = commit("a", "x");
        long a5 = commit("a", "y");
        long b2 = commit("b", "y");

        assertEquals(List.of(a1, a2, a3, a4, a5), feed("a"));
        assertEquals(List.of(b1, b2), feed("b"));
        try (Stream<CommitRecord> range = engine.readFeed(new FeedRange("a", a2, a4))) {
            assertEquals(List.of(a3, a4), range.map(CommitRecord::checkpoint).toList(), "a range across the parts");
        }

        engine.deleteStream(new StreamKey("a", "x"));
        assertEquals(List.of(a2, a5), feed("a"));
        try (Stream<CommitRecord> byTime = engine.readByTime(new TimeRange("a", Instant.EPOCH, Instant.MAX))) {
            assertEquals(List.of(a2, a5), byTime.map(CommitRecord::checkpoint).toList());
        }
        long a6 = commit("a", "z");
        assertEquals(List.of(a2, a5, a6), feed("a"));

        engine.purge(Optional.of("a"));
        assertEquals(List.of(b1, b2), all());
        assertEquals(List.of(), feed("a"));
        long a7 = commit("a", "x");
        assertEquals(List.of(a7), feed("a"));
        assertEquals(List.of(b1, b2, a7), all());
    }

    @Test
    void deletesAndPurgesOfTheSoleBucketLeaveTheFeedsRight() {
        long a1 = commit("a", "x");
        long a2 = commit("a", "y");
        long a3 = commit("a", "x");
        assertEquals(List.of(a1, a2, a3), feed("a"));
        engine.deleteStream(new StreamKey("a", "x"));
        assertEquals(List.of(a2), feed("a"));
        try (Stream<CommitRecord> byTime = engine.readByTime(new TimeRange("a", Instant.EPOCH, Instant.MAX))) {
            assertEquals(List.of(a2), byTime.map(CommitRecord::checkpoint).toList());
        }

        engine.purge(Optional.of("a"));
        assertEquals(List.of(), all());
        long b1 = commit("b", "x");
        long c1 = commit("c", "x");
        long b2 = commit("b", "x");

        assertEquals(List.of(b1, b2), feed("b"));
        assertEquals(List.of(c1), feed("c"));
        assertEquals(List.of(), feed("a"));
        assertEquals(List.of(b1, c1, b2), all());

        engine.purge(Optional.of("b"));
        assertEquals(List.of(c1), feed("c"));
        assertEquals(List.of(c1), all());
        long d1 = commit("d", "x");
        assertEquals(List.of(d1), feed("d"));
        assertEquals(List.of(c1), feed("c"));
    }

    /**
     * A read by time finds the sole bucket, then waits for the write lock to build its time index; meanwhile the
     * bucket is purged and another bucket, now the only one, commits. The index must not take the other bucket's
     * commits from the store-wide feed. The test holds the storage's write lock itself (the monitor is reentrant,
     * so its purge and commit run under it) to stop the read exactly there.
     */
    @Test
    void aReadByTimeOfTheSoleBucketPurgedBeforeItsIndexIsBuiltSeesNoOtherBucketsCommits() throws Exception {
        commit("a", "x");
        Object writeLock = writeLockOf(engine);
        CompletableFuture<List<String>> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (Stream<CommitRecord> byTime = engine.readByTime(new TimeRange("a", Instant.EPOCH, Instant.MAX))) {
                read.complete(byTime.map(record -> record.bucketId() + "/" + record.checkpoint()).toList());
            } catch (RuntimeException | Error e) {
                read.completeExceptionally(e);
            }
        });
        synchronized (writeLock) {
            reader.start();
            awaitBlocked(reader);
            engine.purge(Optional.of("a"));
            long b1 = commit("b", "y");
            assertEquals(List.of(b1), feed("b"));
        }
        List<String> seen = read.get(10, TimeUnit.SECONDS);
        assertTrue(seen.stream().allMatch(commit -> commit.startsWith("a/")), "bucket a's read by time saw " + seen);
    }

    private static Object writeLockOf(MemoryEngine engine) throws ReflectiveOperationException {
        Field storage = MemoryEngine.class.getDeclaredField("storage");
        storage.setAccessible(true);
        Field lock = MemoryStorage.class.getDeclaredField("writeLock");
        lock.setAccessible(true);
        return lock.get(storage.get(engine));
    }

    /** Polls, up to a deadline, until {@code thread} waits for a monitor: the only one a read takes is the lock. */
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.BLOCKED) {
            assertTrue(System.nanoTime() < deadline, "the reader never waited for the write lock");
            Thread.sleep(1);
        }
    }
}
