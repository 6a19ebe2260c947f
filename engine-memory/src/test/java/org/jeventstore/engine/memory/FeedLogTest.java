package org.jeventstore.engine.memory;

import static org.jeventstore.engine.memory.FeedLog.CHUNK;
import static org.jeventstore.engine.memory.FeedLog.FIRST_CHUNK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.junit.jupiter.api.Test;

class FeedLogTest {

    private static CommitRecord record(long checkpoint) {
        EventRecord event = new EventRecord(new byte[] {'{', '}'}, new Payload("t", Payload.JSON, new byte[] {'1'}));
        CommitAttempt attempt = new CommitAttempt("b", "s-" + checkpoint, 1, UUID.randomUUID(), 1, Instant.EPOCH,
                new byte[] {'{', '}'}, List.of(event));
        return new CommitRecord(attempt, checkpoint);
    }

    private static List<Long> checkpoints(List<CommitRecord> records) {
        return records.stream().map(CommitRecord::checkpoint).toList();
    }

    /** How many commits the first {@code chunks} chunks of a log hold when full: each twice the last, up to CHUNK. */
    private static int filledBy(int chunks) {
        int total = 0;
        int size = FIRST_CHUNK;
        for (int chunk = 0; chunk < chunks; chunk++) {
            total += size;
            size = Math.min(CHUNK, size * 2);
        }
        return total;
    }

    /** A log holding checkpoints 1..n, appended in order. */
    private static FeedLog appended(long n) {
        FeedLog log = new FeedLog();
        for (long c = 1; c <= n; c++) {
            log.append(record(c));
        }
        return log;
    }

    /** Every commit above {@code after}, read in pages of {@code pageSize} as a feed reader does. */
    private static List<Long> paged(FeedLog log, long after, long to, int pageSize) {
        List<Long> read = new ArrayList<>();
        long last = after;
        while (true) {
            List<CommitRecord> page = log.page(last, to, pageSize);
            assertTrue(page.size() <= pageSize, "a page of " + page.size() + " for a page size of " + pageSize);
            if (page.isEmpty()) {
                return read;
            }
            for (CommitRecord record : page) {
                read.add(record.checkpoint());
            }
            last = page.get(page.size() - 1).checkpoint();
        }
    }

    @Test
    void aLogThatDeletesAsMuchAsItWritesStaysSmallAndInOrder() {
        FeedLog log = new FeedLog();
        for (long c = 1; c <= 100_000; c++) {
            log.append(record(c));
            if (c % 10 != 0) {
                log.remove(c);
            }
        }

        assertTrue(log.capacity() <= 4 * 10_000 + CHUNK, "slots kept: " + log.capacity());
        assertTrue(log.chunks() <= 2 * (10_000 / CHUNK + 2) + 2, "chunks kept: " + log.chunks());
        List<Long> kept = checkpoints(log.all());
        assertEquals(LongStream.rangeClosed(1, 10_000).map(i -> i * 10).boxed().toList(), kept);
        assertEquals(List.of(99_990L, 100_000L), checkpoints(log.page(99_980, Long.MAX_VALUE, 5)));
        assertEquals(100_000, log.last());
    }

    @Test
    void aLogThatKeepsOnlyItsLatestCommitsStaysAsSmallAsThem() {
        FeedLog log = new FeedLog();
        int kept = 100;
        for (long c = 1; c <= 300_000; c++) {
            log.append(record(c));
            if (c > kept) {
                log.remove(c - kept);
            }
            assertTrue(log.capacity() <= 4 * kept + CHUNK, "slots kept after " + c + ": " + log.capacity());
            assertTrue(log.chunks() <= 2 * (kept + 1), "chunks kept after " + c + ": " + log.chunks());
        }

        assertEquals(LongStream.rangeClosed(300_000 - kept + 1, 300_000).boxed().toList(), checkpoints(log.all()));
    }

    @Test
    void aLogThatRemovesEverythingHoldsAtMostItsLastChunk() {
        FeedLog log = new FeedLog();
        for (long c = 1; c <= 50_000; c++) {
            log.append(record(c));
            log.remove(c);
        }

        assertTrue(log.capacity() <= CHUNK, "slots kept: " + log.capacity());
        assertEquals(List.of(), log.all());
        assertEquals(0, log.last());
        log.append(record(50_001));
        assertEquals(List.of(50_001L), checkpoints(log.all()));
        assertEquals(50_001, log.last());
    }

    @Test
    void aGrowingLogAddsAtMostOneChunkOfSlotsAtATime() {
        FeedLog log = new FeedLog();
        int before = log.capacity();
        for (long c = 1; c <= 5 * CHUNK; c++) {
            log.append(record(c));
            int after = log.capacity();
            assertTrue(after - before <= CHUNK, "appending " + c + " grew the log from " + before + " to " + after);
            before = after;
        }
    }

    @Test
    void aLogWithoutDeletesKeepsEveryCommit() {
        FeedLog log = new FeedLog();
        for (long c = 1; c <= 1_000; c += 2) {
            log.append(record(c));
        }
        assertEquals(500, log.all().size());
        assertEquals(List.of(3L, 5L), checkpoints(log.page(1, 5, 10)));
    }

    @Test
    void anEmptyLogReadsNothing() {
        FeedLog log = new FeedLog();
        assertEquals(List.of(), log.all());
        assertEquals(List.of(), log.page(0, Long.MAX_VALUE, 10));
        assertEquals(0, log.last());
        log.remove(1);
        assertEquals(0, log.capacity());
    }

    @Test
    void pagesReadAcrossChunksInCheckpointOrder() {
        int n = filledBy(9) + 17;
        FeedLog log = new FeedLog();
        for (long c = 1; c <= n; c++) {
            // Gaps in the checkpoints, as deletes and failed commits leave them in a store.
            log.append(record(c * 3));
        }
        List<Long> every = LongStream.rangeClosed(1, n).map(c -> c * 3).boxed().toList();

        assertEquals(9 + 1, log.chunks());
        assertEquals(every, checkpoints(log.all()));
        for (int pageSize : new int[] {1, 2, 7, FIRST_CHUNK, CHUNK - 1, CHUNK, CHUNK + 1}) {
            assertEquals(every, paged(log, 0, Long.MAX_VALUE, pageSize), "page size " + pageSize);
        }
    }

    @Test
    void aPageStartsAndEndsAtAnyCheckpointAroundAChunkEdge() {
        FeedLog log = appended(filledBy(8) + 10);
        for (int chunks = 1; chunks <= 8; chunks++) {
            long edge = filledBy(chunks);
            for (long after = edge - 2; after <= edge + 2; after++) {
                assertEquals(LongStream.rangeClosed(after + 1, after + 5).boxed().toList(),
                        checkpoints(log.page(after, Long.MAX_VALUE, 5)), "after " + after);
                assertEquals(LongStream.rangeClosed(after + 1, edge + 1).boxed().toList(),
                        checkpoints(log.page(after, edge + 1, CHUNK)), "after " + after + " up to " + (edge + 1));
            }
        }
    }

    @Test
    void removingTheFirstAndLastCommitOfEveryChunkKeepsTheOthersInOrder() {
        int chunks = 8;
        long n = filledBy(chunks) + 5;
        FeedLog log = appended(n);
        NavigableMap<Long, Boolean> model = new TreeMap<>();
        LongStream.rangeClosed(1, n).forEach(c -> model.put(c, true));
        for (int chunk = 0; chunk < chunks; chunk++) {
            long first = filledBy(chunk) + 1;
            long last = filledBy(chunk + 1);
            log.remove(first);
            log.remove(last);
            model.remove(first);
            model.remove(last);
        }

        assertEquals(List.copyOf(model.keySet()), checkpoints(log.all()));
        assertEquals(List.copyOf(model.keySet()), paged(log, 0, Long.MAX_VALUE, 3));
        long edge = filledBy(3);
        assertEquals(List.of(edge - 1, edge + 2), checkpoints(log.page(edge - 2, Long.MAX_VALUE, 2)));
        assertEquals(n, log.last());
    }

    @Test
    void aChunkWhoseCommitsAreAllRemovedIsNoLongerKept() {
        int chunks = 10;
        long n = filledBy(chunks);
        FeedLog log = appended(n);
        int full = log.capacity();
        long from = filledBy(7) + 1;
        long to = filledBy(8);
        for (long c = from; c <= to; c++) {
            log.remove(c);
        }

        assertEquals(full - CHUNK, log.capacity());
        assertEquals(List.of(from - 2, from - 1, to + 1, to + 2), checkpoints(log.page(from - 3, to + 2, 10)));
        assertEquals(List.of(to + 1), checkpoints(log.page(from, Long.MAX_VALUE, 1)));
        log.remove(to + 1);
        assertEquals(List.of(to + 2), checkpoints(log.page(from - 1, Long.MAX_VALUE, 1)));
        assertEquals(n - to - 1 + from - 1, log.all().size());
    }

    @Test
    void aSparseChunkIsRewrittenAndMergedIntoTheChunkAfterIt() {
        int chunks = 10;
        long n = filledBy(chunks);
        FeedLog log = appended(n);
        // Chunks 7 and 8 (of CHUNK slots each) keep every eighth commit. Chunk 7 is rewritten alone when three
        // quarters of it are empty (chunk 6 is full), into CHUNK / 4 slots; chunk 8 likewise, merged with what is
        // left of chunk 7, CHUNK / 8 commits: 3 * CHUNK / 8 slots in all, where 7 and 8 held 2 * CHUNK.
        long start = filledBy(7);
        long edge = filledBy(8);
        List<Long> expected = new ArrayList<>();
        for (long c = 1; c <= n; c++) {
            if (c > start && c <= filledBy(9) && c % 8 != 0) {
                log.remove(c);
            } else {
                expected.add(c);
            }
        }

        assertEquals(n - 2 * CHUNK + 3 * CHUNK / 8, log.capacity());
        assertEquals(chunks, log.chunks());
        assertEquals(expected, checkpoints(log.all()));
        assertEquals(expected, paged(log, 0, Long.MAX_VALUE, 5));
        assertEquals(List.of(start - 1, start, start + 8, start + 16), checkpoints(log.page(start - 2, n, 4)));
        // From inside the range of the emptied slot: the commits are in the next chunk.
        assertEquals(List.of(start + 8, start + 16), checkpoints(log.page(start + 1, n, 2)));
        assertEquals(List.of(edge - 8, edge, edge + 8), checkpoints(log.page(edge - 9, n, 3)));
        // Removes find the commits that moved, and those that did not.
        log.remove(start + 8);
        log.remove(edge);
        expected.remove(Long.valueOf(start + 8));
        expected.remove(Long.valueOf(edge));
        assertEquals(expected, checkpoints(log.all()));
        assertEquals(List.of(start, start + 16), checkpoints(log.page(start - 1, n, 2)));
    }

    @Test
    void lastWalksBackOverRemovedCommitsAndEmptiedChunks() {
        long n = filledBy(6) + 10;
        FeedLog log = appended(n);
        for (long c = n; c > filledBy(4) + 1; c--) {
            log.remove(c);
        }
        assertEquals(filledBy(4) + 1, log.last());
        log.remove(filledBy(4) + 1);
        assertEquals(filledBy(4), log.last());
        for (long c = 1; c <= filledBy(4); c++) {
            log.remove(c);
        }
        assertEquals(0, log.last());
        assertEquals(List.of(), log.all());
    }

    @Test
    void aClearedLogStartsAgainWithOneSmallChunk() {
        FeedLog log = appended(3L * CHUNK);
        log.clear();

        assertEquals(List.of(), log.all());
        assertEquals(0, log.last());
        log.append(record(3L * CHUNK + 1));
        assertEquals(FIRST_CHUNK, log.capacity());
        assertEquals(List.of(3L * CHUNK + 1), checkpoints(log.page(0, Long.MAX_VALUE, 10)));
    }

    @Test
    void randomAppendsAndRemovesReadAsTheSortedMapOfWhatIsLeft() {
        Random random = new Random(14);
        FeedLog log = new FeedLog();
        NavigableMap<Long, Boolean> model = new TreeMap<>();
        long next = 0;
        for (int step = 0; step < 200_000; step++) {
            int choice = random.nextInt(100);
            if (choice < 55 || model.isEmpty()) {
                next += 1 + random.nextInt(3);
                log.append(record(next));
                model.put(next, true);
            } else if (choice < 95) {
                // Mostly the older commits, as a store deletes old streams.
                Long c = model.ceilingKey(1 + (long) (Math.pow(random.nextDouble(), 2) * next));
                long victim = c == null ? model.lastKey() : c;
                log.remove(victim);
                model.remove(victim);
            } else {
                // A run, as when a whole stream of consecutive commits is deleted.
                Long c = model.ceilingKey(1 + (long) (random.nextDouble() * next));
                for (int i = 0; i < 1 + random.nextInt(2 * CHUNK) && c != null; i++) {
                    log.remove(c);
                    model.remove(c);
                    c = model.higherKey(c);
                }
            }
            log.remove(next + 1);
            if (step % 997 == 0) {
                assertEquals(List.copyOf(model.keySet()), checkpoints(log.all()), "step " + step);
                assertEquals(model.isEmpty() ? 0 : model.lastKey(), log.last(), "step " + step);
                assertTrue(log.capacity() <= 4 * model.size() + CHUNK, "slots at step " + step + ": "
                        + log.capacity() + " for " + model.size());
                assertTrue(log.chunks() <= 2 * (model.size() + 1), "chunks at step " + step + ": " + log.chunks());
                for (int query = 0; query < 20; query++) {
                    long after = (long) (random.nextDouble() * (next + 2));
                    long to = after + random.nextInt(3 * CHUNK);
                    int pageSize = 1 + random.nextInt(2 * CHUNK);
                    List<Long> expected = model.subMap(after, false, to, true).keySet().stream().limit(pageSize)
                            .toList();
                    assertEquals(expected, checkpoints(log.page(after, to, pageSize)),
                            "step " + step + ", after " + after + " up to " + to + ", " + pageSize + " a page");
                }
            }
        }
    }

    /**
     * Commits that the writer never removes: one in ten, none in every second run of 20 000, so that whole
     * chunks are emptied as well as thinned.
     */
    private static boolean kept(long c) {
        return c % 10 == 0 && (c / 20_000) % 2 == 0;
    }

    /** The first kept commit above {@code c}. */
    private static long keptAbove(long c) {
        long next = (c / 10 + 1) * 10;
        return kept(next) ? next : (next / 20_000 + 1) * 20_000;
    }

    @Test
    void aReaderPagingWhileTheWriterAppendsAndRemovesSeesEveryKeptCommitInOrder() throws Exception {
        // Several fresh logs: a reader is most often overtaken by a whole chunk while the chunks are small.
        for (int round = 0; round < 8; round++) {
            readWhileWriting(new FeedLog(), 100_000);
        }
    }

    private static void readWhileWriting(FeedLog log, int commits) throws Exception {
        int[] pageSizes = {1, 7, 64};
        AtomicLong appended = new AtomicLong();
        AtomicLong keptAppended = new AtomicLong();
        AtomicBoolean written = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(pageSizes.length + 2);
        ExecutorService threads = Executors.newFixedThreadPool(pageSizes.length + 2);
        try {
            List<Future<?>> readers = new ArrayList<>();
            // More readers than cores, so that the writer often overtakes a reader in the middle of a page.
            for (int pageSize : pageSizes) {
                readers.add(threads.submit(() -> {
                    start.countDown();
                    start.await();
                    boolean last;
                    do {
                        last = written.get();
                        long known = keptAppended.get();
                        long seen = 0;
                        while (true) {
                            List<CommitRecord> page = log.page(seen, Long.MAX_VALUE, pageSize);
                            if (page.isEmpty()) {
                                break;
                            }
                            for (CommitRecord record : page) {
                                long c = record.checkpoint();
                                assertTrue(c > seen, "read " + c + " after " + seen);
                                assertTrue(keptAbove(seen) >= c, "read " + c + " after " + seen + ", but not "
                                        + keptAbove(seen));
                                seen = c;
                            }
                        }
                        assertTrue(seen >= known, "a pass ended at " + seen + ", before " + known);
                    } while (!last);
                    return null;
                }));
            }
            readers.add(threads.submit(() -> {
                start.countDown();
                start.await();
                while (!written.get()) {
                    long known = keptAppended.get();
                    long last = log.last();
                    assertTrue(last >= known, "last " + last + " below " + known);
                    assertTrue(last <= appended.get(), "last " + last + " above " + appended.get());
                }
                return null;
            }));
            // One writer, as the storage's write lock allows; the others read without a lock.
            Future<?> writer = threads.submit(() -> {
                try {
                    start.countDown();
                    start.await();
                    for (long c = 1; c <= commits; c++) {
                        appended.set(c);
                        log.append(record(c));
                        if (kept(c)) {
                            keptAppended.set(c);
                        } else if (c % 3 == 0) {
                            log.remove(c);
                        }
                        long earlier = c - 40;
                        if (earlier > 0 && !kept(earlier) && earlier % 3 != 0) {
                            log.remove(earlier);
                        }
                    }
                } finally {
                    // Also when the writer fails, so that the readers end.
                    written.set(true);
                }
                return null;
            });
            writer.get(120, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        List<Long> left = LongStream.rangeClosed(1, commits)
                .filter(c -> kept(c) || (c % 3 != 0 && c > commits - 40)).boxed().toList();
        assertEquals(left, checkpoints(log.all()));
        assertTrue(log.capacity() <= 4 * left.size() + CHUNK, "slots kept: " + log.capacity());
    }
}
