package org.jeventstore.tck;

import org.jeventstore.spi.PositionStore;
import org.jeventstore.spi.SnapshotStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
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
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;
import org.jeventstore.spi.StreamKey;

/**
 * A small, obviously correct engine that the kit must pass: every operation holds one lock and scans a list
 * of commits in checkpoint order; reads page through it with {@link Pages}. The package-private steps of
 * {@link #commit} are where the broken engines of the kit's self-test change one thing.
 */
class ReferenceEngine implements PersistenceEngine, SnapshotStore, PositionStore {

    private static final Comparator<CommitRecord> BY_STAMP_THEN_CHECKPOINT =
            Comparator.comparing(CommitRecord::commitStamp).thenComparingLong(CommitRecord::checkpoint);

    private final int pageSize;
    private final List<CommitRecord> commits = new ArrayList<>();
    private final Map<StreamKey, NavigableMap<Long, SnapshotRecord>> snapshots = new HashMap<>();
    private final NavigableMap<String, Position> positions = new TreeMap<>();
    private long lastCheckpoint;
    private boolean closed;

    ReferenceEngine(EngineOptions options) {
        this.pageSize = options.pageSize();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.READ_BY_TIME);
    }

    @Override
    public synchronized CommitRecord commit(CommitAttempt attempt) {
        List<CommitRecord> stream = commits(attempt.bucketId(), attempt.streamId());
        if (isDuplicate(stream, attempt)) {
            throw new DuplicateCommitException("Duplicate commit " + attempt.commitId());
        }
        if (conflicts(stream, attempt)) {
            throw new ConcurrencyException("Sequence or revisions taken: " + attempt);
        }
        CommitRecord record = new CommitRecord(attempt, nextCheckpoint());
        store(record);
        return record;
    }

    boolean isDuplicate(List<CommitRecord> stream, CommitAttempt attempt) {
        return stream.stream().anyMatch(c -> c.commitId().equals(attempt.commitId()));
    }

    boolean conflicts(List<CommitRecord> stream, CommitAttempt attempt) {
        return stream.stream().anyMatch(c -> c.commitSequence() == attempt.commitSequence()
                || (c.firstRevision() <= attempt.streamRevision() && attempt.firstRevision() <= c.streamRevision()));
    }

    long nextCheckpoint() {
        return ++lastCheckpoint;
    }

    void store(CommitRecord record) {
        commits.add(record);
    }

    /** The stored commits, in checkpoint order. */
    synchronized List<CommitRecord> stored() {
        return List.copyOf(commits);
    }

    private List<CommitRecord> commits(String bucketId, String streamId) {
        return commits.stream()
                .filter(c -> c.bucketId().equals(bucketId) && c.streamId().equals(streamId))
                .toList();
    }

    /** One page: the first {@code pageSize} commits that pass {@code filter}, in {@code order}. */
    private synchronized List<CommitRecord> page(Predicate<CommitRecord> filter, Comparator<CommitRecord> order) {
        ensureOpen();
        return commits.stream().filter(filter).sorted(order).limit(pageSize).toList();
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        return Pages.stream(pageSize, last -> page(c -> c.bucketId().equals(range.bucketId())
                        && c.streamId().equals(range.streamId())
                        && range.overlaps(c.firstRevision(), c.streamRevision())
                        && (last == null || c.commitSequence() > last.commitSequence()),
                Comparator.comparingLong(CommitRecord::commitSequence)));
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        return Pages.stream(pageSize, last -> page(c -> range.contains(c.bucketId(), c.checkpoint())
                        && (last == null || c.checkpoint() > last.checkpoint()),
                Comparator.comparingLong(CommitRecord::checkpoint)));
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        return Pages.stream(pageSize, last -> page(c -> range.contains(c.bucketId(), c.commitStamp())
                        && (last == null || BY_STAMP_THEN_CHECKPOINT.compare(c, last) > 0),
                BY_STAMP_THEN_CHECKPOINT));
    }

    @Override
    public synchronized boolean add(SnapshotRecord snapshot) {
        if (commits(snapshot.bucketId(), snapshot.streamId()).isEmpty()) {
            return false;
        }
        snapshots.computeIfAbsent(new StreamKey(snapshot.bucketId(), snapshot.streamId()), key -> new TreeMap<>())
                .put(snapshot.streamRevision(), snapshot);
        return true;
    }

    @Override
    public synchronized Optional<SnapshotRecord> latest(StreamKey key, long maxRevision) {
        NavigableMap<Long, SnapshotRecord> stream = snapshots.get(key);
        return stream == null ? Optional.empty() : Optional.ofNullable(stream.floorEntry(maxRevision))
                .map(Map.Entry::getValue);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        return Pages.stream(pageSize, last -> headsAfter(bucketId, threshold, last));
    }

    private synchronized List<StreamHead> headsAfter(String bucketId, long threshold, StreamHead last) {
        ensureOpen();
        TreeMap<String, Long> headRevisions = new TreeMap<>();
        for (CommitRecord c : commits) {
            if (c.bucketId().equals(bucketId)) {
                headRevisions.merge(c.streamId(), c.streamRevision(), Math::max);
            }
        }
        List<StreamHead> page = new ArrayList<>();
        for (Map.Entry<String, Long> head : headRevisions.entrySet()) {
            if (last != null && head.getKey().compareTo(last.streamId()) <= 0) {
                continue;
            }
            NavigableMap<Long, SnapshotRecord> stream = snapshots.get(new StreamKey(bucketId, head.getKey()));
            long snapshotRevision = stream == null || stream.isEmpty() ? 0 : stream.lastKey();
            if (head.getValue() - snapshotRevision >= threshold && page.size() < pageSize) {
                page.add(new StreamHead(bucketId, head.getKey(), head.getValue(), snapshotRevision));
            }
        }
        return page;
    }

    @Override
    public synchronized void deleteStream(StreamKey key) {
        commits.removeIf(c -> c.bucketId().equals(key.bucketId()) && c.streamId().equals(key.streamId()));
        snapshots.remove(key);
    }

    @Override
    public synchronized Optional<Position> get(String name) {
        return Optional.ofNullable(positions.get(name));
    }

    @Override
    public synchronized void put(Position position) {
        positions.put(position.name(), position);
    }

    @Override
    public synchronized boolean replace(Position expected, Position next) {
        if (!Objects.equals(positions.get(next.name()), expected)) {
            return false;
        }
        positions.put(next.name(), next);
        return true;
    }

    @Override
    public synchronized void delete(String name) {
        positions.remove(name);
    }

    @Override
    public Stream<Position> list(String namePrefix) {
        return Pages.stream(pageSize, last -> positionsAfter(namePrefix, last));
    }

    private synchronized List<Position> positionsAfter(String namePrefix, Position last) {
        return positions.tailMap(last == null ? namePrefix : last.name(), last == null).entrySet().stream()
                .takeWhile(entry -> entry.getKey().startsWith(namePrefix))
                .limit(pageSize)
                .map(Map.Entry::getValue)
                .toList();
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
        commits.clear();
        snapshots.clear();
    }

    private void purgeBucket(String bucketId) {
        commits.removeIf(c -> c.bucketId().equals(bucketId));
        snapshots.keySet().removeIf(key -> key.bucketId().equals(bucketId));
    }

    @Override
    public synchronized void drop() {
        purgeAll();
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

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
