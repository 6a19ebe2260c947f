package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StreamRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Writers racing each other and a feed reader racing the writers; every wait is bounded. */
abstract class StressContract extends Contract {

    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final int MAX_ATTEMPTS = 1_000;

    StressContract(PersistenceEngineTck kit) {
        super(kit);
    }

    private static <T> T await(Future<T> future) throws InterruptedException {
        try {
            return future.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return fail("a concurrent task failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("a concurrent task did not finish within " + LIMIT);
        }
    }

    @Test
    @DisplayName("8 writers racing for each of 30 sequences of one stream: exactly one wins each, the others get "
            + "ConcurrencyException")
    void racingWritersOnOneStreamProduceOneWinnerPerSequence() {
        int writers = 8;
        int rounds = 30;
        String stream = newStreamId();
        PersistenceEngine engine = engine();
        assertTimeoutPreemptively(LIMIT, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<CommitRecord> winners = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    CyclicBarrier start = new CyclicBarrier(writers);
                    List<Future<CommitRecord>> results = new ArrayList<>();
                    for (int w = 0; w < writers; w++) {
                        CommitAttempt attempt = Attempts.at(bucket, stream, round, round - 1).build();
                        results.add(pool.submit(() -> {
                            start.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                            try {
                                return engine.commit(attempt);
                            } catch (ConcurrencyException lost) {
                                return null;
                            }
                        }));
                    }
                    List<CommitRecord> won = new ArrayList<>();
                    for (Future<CommitRecord> result : results) {
                        CommitRecord record = await(result);
                        if (record != null) {
                            won.add(record);
                        }
                    }
                    assertEquals(1, won.size(), "winners of sequence " + round + ": " + won);
                    winners.add(won.get(0));
                }
                assertEquals(winners, readStream(bucket, stream));
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    @DisplayName("4 writers on 5 streams and concurrent feed readers (all buckets, one bucket): each reader sees "
            + "every commit once, in checkpoint order")
    void writersOnManyStreamsWithAConcurrentFeedReaderLoseNoCommit() {
        int writers = 4;
        int commitsPerWriter = 50;
        String[] streams = new String[5];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = newStreamId();
        }
        PersistenceEngine engine = engine();
        assertTimeoutPreemptively(LIMIT, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
            try {
                AtomicBoolean writing = new AtomicBoolean(true);
                Future<List<CommitRecord>> reader = pool.submit(() -> readWhile(engine, writing, FeedRange::after));
                Future<List<CommitRecord>> bucketReader = pool.submit(() -> readWhile(engine, writing,
                        last -> FeedRange.after(bucket, last)));
                List<Future<List<CommitRecord>>> written = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    written.add(pool.submit(() -> write(engine, streams, writer, commitsPerWriter)));
                }
                List<CommitRecord> committed = new ArrayList<>();
                try {
                    for (Future<List<CommitRecord>> commits : written) {
                        committed.addAll(await(commits));
                    }
                } finally {
                    writing.set(false);
                }
                assertEquals(writers * commitsPerWriter, committed.size());
                for (Future<List<CommitRecord>> feedReader : List.of(reader, bucketReader)) {
                    List<UUID> seenIds = await(feedReader).stream()
                            .filter(record -> record.bucketId().equals(bucket))
                            .map(CommitRecord::commitId).toList();
                    assertEquals(seenIds.size(), new HashSet<>(seenIds).size(), "a reader saw a commit twice");
                    assertEquals(new HashSet<>(committed.stream().map(CommitRecord::commitId).toList()),
                            new HashSet<>(seenIds), "a reader did not see exactly the commits written");
                }
            } finally {
                pool.shutdownNow();
            }
        });
    }

    /** Commits round-robin over the streams, reading each stream's head and retrying when another wins. */
    private List<CommitRecord> write(PersistenceEngine engine, String[] streams, int writer, int count) {
        Map<String, CommitRecord> known = new HashMap<>();
        List<CommitRecord> committed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String stream = streams[(writer + i) % streams.length];
            for (int attempt = 1; ; attempt++) {
                CommitRecord head = head(engine, stream, known.get(stream));
                Attempts next = head == null ? Attempts.first(bucket, stream) : Attempts.next(head);
                try {
                    CommitRecord record = engine.commit(next.build());
                    known.put(stream, record);
                    committed.add(record);
                    break;
                } catch (ConcurrencyException lost) {
                    if (attempt == MAX_ATTEMPTS) {
                        throw lost;
                    }
                }
            }
        }
        return committed;
    }

    /** The last commit of the stream, read from the last one this writer knows. */
    private CommitRecord head(PersistenceEngine engine, String stream, CommitRecord known) {
        long from = known == null ? 0 : known.streamRevision();
        try (Stream<CommitRecord> commits = engine.readStream(new StreamRange(bucket, stream, from, Long.MAX_VALUE))) {
            return commits.reduce((earlier, later) -> later).orElse(known);
        }
    }

    /** Polls the feed after the last checkpoint seen until writing stops, then once more. */
    private static List<CommitRecord> readWhile(PersistenceEngine engine, AtomicBoolean writing,
                                                LongFunction<FeedRange> after) {
        List<CommitRecord> seen = new ArrayList<>();
        long last = 0;
        boolean lastPoll = false;
        while (!lastPoll) {
            lastPoll = !writing.get();
            int before = seen.size();
            try (Stream<CommitRecord> commits = engine.readFeed(after.apply(last))) {
                for (CommitRecord record : (Iterable<CommitRecord>) commits::iterator) {
                    assertTrue(record.checkpoint() > last, "checkpoint " + record.checkpoint() + " after " + last);
                    seen.add(record);
                    last = record.checkpoint();
                }
            }
            if (seen.size() == before) {
                Thread.yield();
            }
        }
        return seen;
    }
}
