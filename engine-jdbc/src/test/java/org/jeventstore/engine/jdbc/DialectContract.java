package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StorageException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every dialect must show beyond the TCK: round trips per commit, the data-source factory leaving the
 * caller's pool alone, the schema version check, payload limits, and the feed under racing writers.
 */
abstract class DialectContract {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** A driver data source (not pooled) over fresh, empty storage for this test. */
    abstract DataSource freshDriverDataSource();

    /** The store URI of the storage of the last {@link #freshDriverDataSource()}, creating the schema. */
    abstract String lastStoreUri();

    /** The prefix of the tables the tests of this class use. */
    abstract String prefix();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    HikariDataSource pool(DataSource driver) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(driver);
        config.setMaximumPoolSize(12);
        return closeLater(new HikariDataSource(config));
    }

    PersistenceEngine open(DataSource dataSource) {
        return closeLater(JdbcEngines.open(dataSource, JdbcOptions.defaults().withTablePrefix(prefix())
                .withCreateSchema(true), EngineOptions.defaults()));
    }

    /** The largest payload the engine takes on this test's database. */
    int payloadLimit() {
        return dialect().maxPayloadBytes();
    }

    /** One call, first commit of a stream or not (MySQL, which has no {@code RETURNING}, would take two). */
    @Test
    void uncontendedCommitIsOneRoundTrip() {
        RoundTrips counter = new RoundTrips(freshDriverDataSource());
        PersistenceEngine engine = open(pool(counter));
        engine.commit(TestCommits.attempt("warm-up", 1));
        String stream = "s-" + UUID.randomUUID();

        counter.reset();
        engine.commit(TestCommits.attempt(stream, 1));
        List<String> first = counter.calls();
        counter.reset();
        engine.commit(TestCommits.attempt(stream, 2));

        assertEquals(1, first.size(), first.toString());
        assertEquals(1, counter.calls().size(), counter.calls().toString());
    }

    @Test
    void refusedCommitIsTwoRoundTripsAndTheDuplicateWins() {
        RoundTrips counter = new RoundTrips(freshDriverDataSource());
        PersistenceEngine engine = open(pool(counter));
        String stream = "s-" + UUID.randomUUID();
        CommitRecord first = engine.commit(TestCommits.attempt(stream, 1));
        engine.commit(TestCommits.attempt(stream, 2));

        counter.reset();
        assertThrows(DuplicateCommitException.class, () -> engine.commit(first.attempt()));
        List<String> duplicate = counter.calls();
        counter.reset();
        assertThrows(DuplicateCommitException.class,
                () -> engine.commit(TestCommits.attempt(stream, 3, first.commitId())));
        List<String> duplicateWithFreshSequence = counter.calls();
        counter.reset();
        assertThrows(ConcurrencyException.class, () -> engine.commit(TestCommits.attempt(stream, 2)));

        assertEquals(2, duplicate.size(), duplicate.toString());
        assertEquals(2, duplicateWithFreshSequence.size(), duplicateWithFreshSequence.toString());
        assertEquals(2, counter.calls().size(), counter.calls().toString());
    }

    @Test
    void nextSequenceOverlappingTheStoredRevisionsIsRefused() {
        PersistenceEngine engine = open(pool(freshDriverDataSource()));
        String stream = "s-" + UUID.randomUUID();
        engine.commit(TestCommits.withEvents(stream, 1, List.of(TestCommits.event("{}"), TestCommits.event("{}"))));

        CommitAttempt overlapping = new CommitAttempt(TestCommits.BUCKET, stream, 3, UUID.randomUUID(), 2,
                java.time.Instant.now(), TestCommits.utf8("{}"),
                List.of(TestCommits.event("{}"), TestCommits.event("{}")));

        assertThrows(ConcurrencyException.class, () -> engine.commit(overlapping));
        assertEquals(1, TestCommits.stream(engine, stream).size());
    }

    @Test
    void closingAnEngineOverACallersDataSourceLeavesThePoolOpen() throws SQLException {
        HikariDataSource pool = pool(freshDriverDataSource());
        PersistenceEngine engine = JdbcEngines.open(pool, JdbcOptions.defaults().withTablePrefix(prefix())
                .withCreateSchema(true), EngineOptions.defaults());
        engine.commit(TestCommits.attempt("s", 1));

        engine.close();

        assertFalse(pool.isClosed());
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertTrue(s.execute("SELECT 1"));
        }
    }

    @Test
    void engineOpenedByUriClosesItsOwnPool() {
        freshDriverDataSource();
        PersistenceEngine engine = new JdbcEngineProvider().open(org.jeventstore.spi.StoreUri.parse(lastStoreUri()),
                EngineOptions.defaults());
        engine.commit(TestCommits.attempt("s", 1));

        engine.close();

        // Called directly, below CheckedEngine, the commit reaches the pool and the pool refuses it.
        StorageException e = assertThrows(StorageException.class, () -> engine.commit(TestCommits.attempt("s", 2)));
        assertTrue(e.getCause().getMessage().contains("has been closed"), e.getCause().getMessage());
    }

    @Test
    void tablesMissingWithoutCreateSchemaFailNamingTheOption() {
        DataSource pool = pool(freshDriverDataSource());

        StorageException e = assertThrows(StorageException.class, () -> JdbcEngines.open(pool,
                JdbcOptions.defaults().withTablePrefix(prefix()), EngineOptions.defaults()));

        assertTrue(e.getMessage().contains("createSchema=true"), e.getMessage());
    }

    @Test
    void olderAndNewerSchemaVersionsAreRefusedSayingWhich() throws SQLException {
        DataSource pool = pool(freshDriverDataSource());
        open(pool).close();

        setVersion(pool, Schema.VERSION + 1);
        StorageException newer = assertThrows(StorageException.class, () -> open(pool));
        setVersion(pool, Schema.VERSION - 1);
        StorageException older = assertThrows(StorageException.class, () -> open(pool));

        assertTrue(newer.getMessage().contains("newer than this engine's version " + Schema.VERSION),
                newer.getMessage());
        assertTrue(older.getMessage().contains("older than this engine's version " + Schema.VERSION),
                older.getMessage());
    }

    private void setVersion(DataSource pool, int version) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + prefix() + "schema_version SET version = " + version);
        }
    }

    @Test
    void oversizeCommitAndSnapshotAreRefusedBeforeAnythingIsWritten() {
        PersistenceEngine engine = open(pool(freshDriverDataSource()));
        int limit = payloadLimit();
        String stream = "s-" + UUID.randomUUID();
        CommitRecord first = engine.commit(TestCommits.attempt(stream, 1));
        byte[] big = new byte[limit];
        CommitAttempt oversize = TestCommits.withEvents(stream, 2, List.of(new org.jeventstore.spi.EventRecord(
                TestCommits.utf8("{}"), new Payload("big", "application/octet-stream", big))));

        assertThrows(PayloadTooLargeException.class, () -> engine.commit(oversize));
        assertThrows(PayloadTooLargeException.class, () -> engine.snapshots().add(new SnapshotRecord(
                TestCommits.BUCKET, stream, 1, new Payload("big", "application/octet-stream", new byte[limit + 1]))));

        assertEquals(List.of(first), TestCommits.stream(engine, stream));
        assertEquals(Optional.empty(),
                engine.snapshots().latest(new StreamKey(TestCommits.BUCKET, stream), Long.MAX_VALUE));
        assertEquals(2, engine.commit(TestCommits.attempt(stream, 2)).commitSequence());
    }

    abstract Dialect dialect();

    /**
     * 8 writers on streams of their own and 2 racing on one shared stream, while a reader follows the feed:
     * every successful commit is seen exactly once, in increasing checkpoint order, and each contested
     * sequence has exactly one winner.
     */
    @Test
    void racingWritersAndAFeedReaderLoseNothing() throws Exception {
        PersistenceEngine engine = open(pool(freshDriverDataSource()));
        int perWriter = 40;
        String shared = "shared-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(11);
        try {
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<List<CommitRecord>> reader = threads.submit(() -> follow(engine, writing));
            List<Future<List<CommitRecord>>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String own = "own-" + w + "-" + UUID.randomUUID();
                writers.add(threads.submit(() -> {
                    List<CommitRecord> mine = new ArrayList<>();
                    for (int i = 1; i <= perWriter; i++) {
                        mine.add(engine.commit(TestCommits.attempt(own, i)));
                    }
                    return mine;
                }));
            }
            Map<Long, CommitRecord> winners = new ConcurrentHashMap<>();
            List<Future<List<CommitRecord>>> racers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                racers.add(threads.submit(() -> race(engine, shared, perWriter, winners)));
            }
            List<CommitRecord> committed = new ArrayList<>();
            try {
                for (Future<List<CommitRecord>> f : writers) {
                    committed.addAll(f.get(2, TimeUnit.MINUTES));
                }
                for (Future<List<CommitRecord>> f : racers) {
                    committed.addAll(f.get(2, TimeUnit.MINUTES));
                }
            } finally {
                writing.set(false);
            }
            List<CommitRecord> seen = reader.get(2, TimeUnit.MINUTES);

            assertEquals(8 * perWriter + perWriter, committed.size());
            assertEquals(perWriter, winners.size());
            assertEquals(List.copyOf(new java.util.TreeMap<>(winners).values()), TestCommits.stream(engine, shared));
            Set<UUID> seenIds = new HashSet<>();
            seen.forEach(c -> assertTrue(seenIds.add(c.commitId()), "seen twice: " + c));
            Set<UUID> committedIds = new HashSet<>();
            committed.forEach(c -> committedIds.add(c.commitId()));
            assertEquals(committedIds, seenIds);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Commits the next sequence of {@code stream} until {@code count} are stored, recording each winner. */
    private static List<CommitRecord> race(PersistenceEngine engine, String stream, int count,
                                           Map<Long, CommitRecord> winners) {
        List<CommitRecord> won = new ArrayList<>();
        while (true) {
            List<CommitRecord> stored = TestCommits.stream(engine, stream);
            long next = stored.size() + 1;
            if (next > count) {
                return won;
            }
            try {
                CommitRecord record = engine.commit(TestCommits.attempt(stream, next));
                if (winners.putIfAbsent(next, record) != null) {
                    throw new AssertionError("two winners of sequence " + next);
                }
                won.add(record);
            } catch (ConcurrencyException lost) {
                // the other racer took this sequence: read the stream again
            }
        }
    }

    private static List<CommitRecord> follow(PersistenceEngine engine, AtomicBoolean writing) {
        List<CommitRecord> seen = new ArrayList<>();
        long last = 0;
        boolean lastPoll = false;
        while (!lastPoll) {
            lastPoll = !writing.get();
            try (Stream<CommitRecord> page = engine.readFeed(FeedRange.after(last))) {
                for (CommitRecord record : (Iterable<CommitRecord>) page::iterator) {
                    if (record.checkpoint() <= last) {
                        throw new AssertionError("checkpoint " + record.checkpoint() + " after " + last);
                    }
                    seen.add(record);
                    last = record.checkpoint();
                }
            }
            Thread.yield();
        }
        return seen;
    }
}
