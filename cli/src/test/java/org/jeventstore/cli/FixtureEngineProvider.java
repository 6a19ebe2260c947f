package org.jeventstore.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.PositionStore;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;

/**
 * {@code fixture:<name>}: a read-only store holding exactly the commits a test gave it, in the order given, so
 * that a test can build stores no real engine would accept (a commitId twice in a stream, checkpoints out of
 * order) to check that {@code verify} finds them.
 */
public final class FixtureEngineProvider implements EngineProvider {

    private static final Map<String, List<CommitRecord>> STORES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> FEED_READS = new ConcurrentHashMap<>();

    public FixtureEngineProvider() {
    }

    static String store(String name, List<CommitRecord> commits) {
        STORES.put(name, List.copyOf(commits));
        FEED_READS.put(name, new AtomicInteger());
        return "fixture:" + name;
    }

    /** How many times the feed of the fixture {@code name} has been read. */
    static int feedReads(String name) {
        return FEED_READS.get(name).get();
    }

    @Override
    public String name() {
        return "fixture";
    }

    @Override
    public boolean supports(StoreUri uri) {
        return uri.scheme().equals("fixture");
    }

    @Override
    public PersistenceEngine open(StoreUri uri, EngineOptions options) {
        String name = uri.schemeSpecificPart();
        return new Engine(STORES.getOrDefault(name, List.of()), FEED_READS.computeIfAbsent(name, n -> new AtomicInteger()));
    }

    private record Engine(List<CommitRecord> commits, AtomicInteger feedReads) implements PersistenceEngine, SnapshotStore, PositionStore {

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public CommitRecord commit(CommitAttempt attempt) {
            throw new UnsupportedOperationException("a fixture is read-only");
        }

        @Override
        public Stream<CommitRecord> readStream(StreamRange range) {
            return commits.stream().filter(c -> c.bucketId().equals(range.bucketId())
                    && c.streamId().equals(range.streamId()) && range.overlaps(c.firstRevision(), c.streamRevision()));
        }

        @Override
        public Stream<CommitRecord> readFeed(FeedRange range) {
            feedReads.incrementAndGet();
            return commits.stream().filter(c -> range.bucketId() == null || range.bucketId().equals(c.bucketId()))
                    .dropWhile(c -> c.checkpoint() <= range.afterCheckpoint());
        }

        /** The highest checkpoint held, as an engine's index would answer it: the feed is not read. */
        @Override
        public long lastCheckpoint() {
            return commits.stream().mapToLong(CommitRecord::checkpoint).max().orElse(0);
        }

        @Override
        public SnapshotStore snapshots() {
            return this;
        }

        @Override
        public PositionStore positions() {
            return this;
        }

        @Override
        public void deleteStream(StreamKey stream) {
            throw new UnsupportedOperationException("a fixture is read-only");
        }

        @Override
        public void purge(Optional<String> bucketId) {
            throw new UnsupportedOperationException("a fixture is read-only");
        }

        @Override
        public void drop() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean add(SnapshotRecord snapshot) {
            throw new UnsupportedOperationException("a fixture is read-only");
        }

        @Override
        public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
            return Optional.empty();
        }

        @Override
        public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
            return commits.stream().filter(c -> c.bucketId().equals(bucketId))
                    .collect(Collectors.toMap(CommitRecord::streamId, CommitRecord::streamRevision, Math::max,
                            java.util.LinkedHashMap::new))
                    .entrySet().stream().map(e -> new StreamHead(bucketId, e.getKey(), e.getValue(), 0));
        }

        @Override
        public Optional<Position> get(String name) {
            return Optional.empty();
        }

        @Override
        public void put(Position position) {
            throw new UnsupportedOperationException("a fixture is read-only");
        }

        @Override
        public boolean replace(Position expected, Position next) {
            throw new UnsupportedOperationException("a fixture is read-only");
        }

        @Override
        public void delete(String name) {
            throw new UnsupportedOperationException("a fixture is read-only");
        }

        @Override
        public Stream<Position> list(String namePrefix) {
            return Stream.empty();
        }
    }
}
