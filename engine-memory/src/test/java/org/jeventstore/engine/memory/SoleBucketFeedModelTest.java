package org.jeventstore.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.TimeRange;
import org.junit.jupiter.api.Test;

/**
 * Random runs of commits, deletes, purges and first reads by time over three buckets, the first of them the
 * store's only one until another is made, checked after every step against a model (the store-wide feed's
 * commits, by bucket): every range of every bucket's feed, on either side of the first bucket's bound or across
 * it, at every page size, and reads that began before the step and go on after it.
 */
class SoleBucketFeedModelTest {

    private static final List<String> BUCKETS = List.of("a", "b", "c");
    private static final int RUNS = 150;
    private static final int STEPS = 40;

    private MemoryStorage storage;
    /** The model: live commits in checkpoint order. */
    private final List<CommitRecord> live = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    /** How many purges removed each bucket: a reader of a bucket purged since it began may end early. */
    private final Map<String, Integer> purges = new HashMap<>();
    /** The buckets in the store: a read of a bucket not made yet is empty, whatever is committed after it began. */
    private final Set<String> made = new HashSet<>();
    private long stamp;
    /** The last checkpoint handed out. */
    private long allocated;

    @Test
    void everyRangeOfEveryBucketAtEveryPageSizeIsTheModels() {
        for (long seed = 0; seed < RUNS; seed++) {
            run(new Random(seed), seed);
        }
    }

    private void run(Random random, long seed) {
        storage = new MemoryStorage();
        live.clear();
        sequences.clear();
        purges.clear();
        made.clear();
        allocated = 0;
        List<Reader> readers = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            String bucket = step < 6 ? "a" : BUCKETS.get(random.nextInt(BUCKETS.size()));
            String stream = "s" + random.nextInt(3);
            int op = random.nextInt(100);
            String did;
            if (op < 65) {
                commit(bucket, stream);
                did = "commit " + bucket + "/" + stream;
            } else if (op < 80) {
                storage.deleteStream(bucket, stream);
                live.removeIf(c -> c.bucketId().equals(bucket) && c.streamId().equals(stream));
                sequences.remove(bucket + "/" + stream);
                did = "delete " + bucket + "/" + stream;
            } else if (op < 88) {
                storage.purge(bucket);
                purges.merge(bucket, 1, Integer::sum);
                made.remove(bucket);
                live.removeIf(c -> c.bucketId().equals(bucket));
                sequences.keySet().removeIf(key -> key.startsWith(bucket + "/"));
                did = "purge " + bucket;
            } else if (op < 91) {
                storage.purge();
                BUCKETS.forEach(purged -> purges.merge(purged, 1, Integer::sum));
                made.clear();
                live.clear();
                sequences.clear();
                did = "purge";
            } else {
                // Builds the bucket's time index now, so that later commits and deletes must keep it right.
                try (Stream<CommitRecord> byTime = storage.readByTime(new TimeRange(bucket, Instant.EPOCH,
                        Instant.MAX), 3)) {
                    byTime.count();
                }
                did = "read by time " + bucket;
            }
            String context = "seed " + seed + ", step " + step + " (" + did + ")";
            for (Reader reader : readers) {
                reader.advance(random.nextInt(3), context);
            }
            if (random.nextInt(4) == 0) {
                readers.add(new Reader(BUCKETS.get(random.nextInt(BUCKETS.size())), random));
            }
            check(context);
        }
        for (Reader reader : readers) {
            reader.advance(Integer.MAX_VALUE, "seed " + seed + ", end");
        }
    }

    private void commit(String bucket, String stream) {
        long sequence = sequences.merge(bucket + "/" + stream, 1L, Long::sum);
        EventRecord event = new EventRecord(new byte[] {'{', '}'}, new Payload("t", Payload.JSON, new byte[] {'1'}));
        // Stamps out of checkpoint order, so that the time index's order is its own.
        stamp += 7;
        CommitRecord stored = storage.commit(new CommitAttempt(bucket, stream, sequence, UUID.randomUUID(), sequence,
                Instant.ofEpochMilli(stamp % 23 * 1000 + stamp), new byte[] {'{', '}'}, List.of(event)));
        live.add(stored);
        allocated = stored.checkpoint();
        made.add(bucket);
    }

    private void check(String context) {
        long last = live.isEmpty() ? 0 : live.get(live.size() - 1).checkpoint();
        assertEquals(checkpoints(live.stream()), checkpoints(storage.readFeed(FeedRange.after(0), 2)), context);
        for (String bucket : BUCKETS) {
            List<CommitRecord> own = live.stream().filter(c -> c.bucketId().equals(bucket)).toList();
            for (long after = 0; after <= last + 1; after++) {
                for (long to = after; to <= last + 2; to++) {
                    long upTo = to == last + 2 ? Long.MAX_VALUE : to;
                    long from = after;
                    List<Long> expected = checkpoints(own.stream()
                            .filter(c -> c.checkpoint() > from && c.checkpoint() <= upTo));
                    for (int pageSize = 1; pageSize <= 4; pageSize++) {
                        assertEquals(expected, checkpoints(storage.readFeed(new FeedRange(bucket, after, upTo),
                                pageSize)), context + ": " + bucket + " (" + after + ", " + upTo + "], page size "
                                + pageSize);
                    }
                }
            }
            List<Long> byTime = own.stream()
                    .sorted(Comparator.comparing(CommitRecord::commitStamp).thenComparing(CommitRecord::checkpoint))
                    .map(CommitRecord::checkpoint).toList();
            assertEquals(byTime, checkpoints(storage.readByTime(new TimeRange(bucket, Instant.EPOCH, Instant.MAX),
                    2)), context + ": " + bucket + " by time");
        }
    }

    private static List<Long> checkpoints(Stream<CommitRecord> commits) {
        try (commits) {
            return commits.map(CommitRecord::checkpoint).toList();
        }
    }

    /**
     * A read of one bucket's feed that goes on across steps. Whatever happens meanwhile, it returns only that
     * bucket's commits, in order, within its range; and every commit of the bucket still in the store with a
     * checkpoint below one it returned, and committed before that one was read, was returned too (no skip, no
     * late arrival).
     */
    private final class Reader {
        final String bucket;
        final long after;
        final long to;
        final int pageSize;
        final int purgesBefore;
        final boolean bucketMade;
        /** The last checkpoint handed out when the reader last fetched a page: a short page ends the read. */
        long allocatedAtFetch;
        final Iterator<CommitRecord> commits;
        final List<CommitRecord> read = new ArrayList<>();
        boolean done;

        Reader(String bucket, Random random) {
            this.bucket = bucket;
            long last = live.isEmpty() ? 0 : live.get(live.size() - 1).checkpoint();
            this.after = random.nextInt((int) last + 1);
            this.to = random.nextBoolean() ? Long.MAX_VALUE : after + random.nextInt(12);
            this.pageSize = 1 + random.nextInt(4);
            this.purgesBefore = purges.getOrDefault(bucket, 0);
            this.bucketMade = made.contains(bucket);
            this.commits = storage.readFeed(new FeedRange(bucket, after, to), pageSize).iterator();
        }

        void advance(int count, String context) {
            for (int i = 0; i < count && !done; i++) {
                if (read.size() % pageSize == 0) {
                    // Every page before was full: this hasNext fetches the next page.
                    allocatedAtFetch = allocated;
                }
                if (!commits.hasNext()) {
                    done = true;
                    long previous = read.isEmpty() ? after : read.get(read.size() - 1).checkpoint();
                    List<Long> missed = live.stream().filter(c -> c.bucketId().equals(bucket)
                            && c.checkpoint() > previous && c.checkpoint() <= Math.min(to, allocatedAtFetch))
                            .map(CommitRecord::checkpoint).toList();
                    if (bucketMade && purges.getOrDefault(bucket, 0) == purgesBefore) {
                        assertEquals(List.of(), missed, context + ": reader of " + bucket + " (" + after + ", "
                                + to + "], page size " + pageSize + " ended after "
                                + read.stream().map(CommitRecord::checkpoint).toList() + ", missing");
                    }
                    return;
                }
                CommitRecord next = commits.next();
                String where = context + ": reader of " + bucket + " (" + after + ", " + to + "], page size "
                        + pageSize + ", after " + read.stream().map(CommitRecord::checkpoint).toList();
                assertEquals(bucket, next.bucketId(), where + " returned " + next.checkpoint());
                assertTrue(next.checkpoint() > after && next.checkpoint() <= to, where + " returned "
                        + next.checkpoint());
                long previous = read.isEmpty() ? after : read.get(read.size() - 1).checkpoint();
                assertTrue(next.checkpoint() > previous, where + " returned " + next.checkpoint());
                // Commits of the bucket in the model now, between the previous one read and this one: skipped.
                List<Long> skipped = live.stream().filter(c -> c.bucketId().equals(bucket)
                        && c.checkpoint() > previous && c.checkpoint() < next.checkpoint())
                        .map(CommitRecord::checkpoint).toList();
                assertEquals(List.of(), skipped, where + " returned " + next.checkpoint() + ", skipping");
                read.add(next);
            }
        }
    }
}
