package org.jeventstore.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.PositionStore;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;

/**
 * The engine of the api's own tests, which cannot depend on an engine module: one lock, a list of commits in
 * checkpoint order, paged reads. Snapshots are not kept (no test here needs them).
 */
class InMemoryEngine implements PersistenceEngine, SnapshotStore, PositionStore {

    private final int pageSize;
    private final List<CommitRecord> commits = new ArrayList<>();
    private final NavigableMap<String, Position> positions = new TreeMap<>();
    private long lastCheckpoint;
    private boolean closed;

    InMemoryEngine(int pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public Set<org.jeventstore.spi.Capability> capabilities() {
        return Set.of();
    }

    @Override
    public synchronized CommitRecord commit(CommitAttempt attempt) {
        ensureOpen();
        for (CommitRecord stored : commits) {
            if (stored.bucketId().equals(attempt.bucketId()) && stored.streamId().equals(attempt.streamId())) {
                if (stored.commitId().equals(attempt.commitId())) {
                    throw new DuplicateCommitException("Duplicate commit " + attempt.commitId());
                }
                if (stored.commitSequence() == attempt.commitSequence()) {
                    throw new ConcurrencyException("Sequence taken: " + attempt);
                }
            }
        }
        CommitRecord record = new CommitRecord(attempt, ++lastCheckpoint);
        commits.add(record);
        return record;
    }

    private synchronized List<CommitRecord> page(Predicate<CommitRecord> filter, Comparator<CommitRecord> order) {
        ensureOpen();
        return commits.stream().filter(filter).sorted(order).limit(pageSize).toList();
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        ensureOpen();
        return Pages.stream(pageSize, last -> page(c -> c.bucketId().equals(range.bucketId())
                        && c.streamId().equals(range.streamId())
                        && range.overlaps(c.firstRevision(), c.streamRevision())
                        && (last == null || c.commitSequence() > last.commitSequence()),
                Comparator.comparingLong(CommitRecord::commitSequence)));
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        ensureOpen();
        return Pages.stream(pageSize, last -> page(c -> range.contains(c.bucketId(), c.checkpoint())
                        && (last == null || c.checkpoint() > last.checkpoint()),
                Comparator.comparingLong(CommitRecord::checkpoint)));
    }

    @Override
    public boolean add(SnapshotRecord snapshot) {
        throw new UnsupportedOperationException("no snapshots in the api's test engine");
    }

    @Override
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        ensureOpen();
        return Optional.empty();
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        throw new UnsupportedOperationException("no snapshots in the api's test engine");
    }

    @Override
    public synchronized void deleteStream(StreamKey stream) {
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        ensureOpen();
        commits.removeIf(c -> c.bucketId().equals(bucketId) && c.streamId().equals(streamId));
    }

    @Override
    public synchronized Optional<Position> get(String name) {
        ensureOpen();
        return Optional.ofNullable(positions.get(name));
    }

    @Override
    public synchronized void put(Position position) {
        ensureOpen();
        positions.put(position.name(), position);
    }

    @Override
    public synchronized boolean replace(Position expected, Position next) {
        ensureOpen();
        if (!Objects.equals(positions.get(next.name()), expected)) {
            return false;
        }
        positions.put(next.name(), next);
        return true;
    }

    @Override
    public synchronized void delete(String name) {
        ensureOpen();
        positions.remove(name);
    }

    @Override
    public synchronized Stream<Position> list(String namePrefix) {
        ensureOpen();
        return positions.tailMap(namePrefix, true).entrySet().stream()
                .takeWhile(entry -> entry.getKey().startsWith(namePrefix))
                .map(Map.Entry::getValue)
                .toList().stream();
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
    public synchronized void purge(Optional<String> bucketId) {
        bucketId.ifPresentOrElse(this::purgeBucket, this::purgeAll);
    }

    private void purgeAll() {
        ensureOpen();
        commits.clear();
    }

    private void purgeBucket(String bucketId) {
        ensureOpen();
        commits.removeIf(c -> c.bucketId().equals(bucketId));
    }

    @Override
    public synchronized void drop() {
        ensureOpen();
        commits.clear();
        positions.clear();
        closed = true;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The engine is closed");
        }
    }
}
