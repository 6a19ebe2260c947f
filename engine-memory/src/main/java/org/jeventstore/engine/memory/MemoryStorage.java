package org.jeventstore.engine.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;

/**
 * The data of one in-memory store. Reads take no lock and page over concurrent sorted maps and append-only
 * stream arrays. A commit is checked under its stream's monitor, then put into its stream, then its bucket's
 * feed, then the store-wide feed, all under the write lock that also hands out checkpoints: checkpoint
 * <i>c</i> is visible everywhere before <i>c + 1</i> is allocated, so the feed has no late arrivals.
 *
 * <p>Most stores have one bucket, whose feed would repeat the store-wide feed commit for commit. So the first
 * bucket made in an empty store keeps no feed of its own ({@link #sole}): its feed is the store-wide feed, read
 * through a filter on its bucket id. When a second bucket is made, under the write lock and before the second
 * bucket's first commit, the first one keeps its commits up to then in the store-wide feed only, up to a bound
 * ({@link BucketData#sharedUpTo}), and gets a feed of its own for the later ones; its reads join the two. A read that
 * began on the store-wide feed keeps reading it through the filter, and so never sees the other bucket's commits.
 */
final class MemoryStorage {

    private static final ConcurrentMap<String, MemoryStorage> NAMED = new ConcurrentHashMap<>();

    private final String name;
    private final Object writeLock = new Object();
    private final FeedLog feed = new FeedLog();
    private final ConcurrentMap<String, BucketData> buckets = new ConcurrentHashMap<>();
    /** Under the write lock: the only bucket, whose commits are all those of {@link #feed} and which has no feed. */
    private BucketData sole;
    private final NavigableMap<String, Position> positions = new ConcurrentSkipListMap<>();
    private long lastCheckpoint;
    private volatile boolean dropped;

    MemoryStorage() {
        this(null);
    }

    private MemoryStorage(String name) {
        this.name = name;
    }

    static MemoryStorage named(String name) {
        return NAMED.computeIfAbsent(name, MemoryStorage::new);
    }

    /** This storage, once sure that no engine sharing it dropped it: engines on a dropped store refuse calls. */
    MemoryStorage live() {
        if (dropped) {
            throw new IllegalStateException("The memory store " + (name == null ? "" : "'" + name + "' ")
                    + "was dropped; open it again");
        }
        return this;
    }

    /**
     * Checks a commit against its stream under the stream's monitor, so commits to other streams are not held
     * up, and takes the write lock only to hand out the checkpoint and put the commit into its stream and the
     * feeds. A stream's first commit, and a commit that finds its stream deleted or purged meanwhile, run
     * whole under the write lock, as the stream's creation.
     */
    CommitRecord commit(CommitAttempt attempt) {
        while (true) {
            StreamData stream = stream(attempt.bucketId(), attempt.streamId());
            if (stream == null) {
                synchronized (writeLock) {
                    if (stream(attempt.bucketId(), attempt.streamId()) == null) {
                        BucketData bucket = buckets.get(attempt.bucketId());
                        if (bucket == null) {
                            bucket = newBucket();
                            buckets.put(attempt.bucketId(), bucket);
                        }
                        StreamData created = new StreamData(bucket, attempt.bucketId(), attempt.streamId());
                        return store(created, attempt, true);
                    }
                }
                continue;
            }
            synchronized (stream) {
                if (stream.removed) {
                    // Deleted before these checks: the commit goes to the stream that replaces it.
                    continue;
                }
                requireFollows(stream, attempt);
                CommitRecord stored = null;
                synchronized (writeLock) {
                    if (!stream.removed) {
                        stored = store(stream, attempt, false);
                    }
                }
                if (stored != null) {
                    // Outside the write lock, still under the stream's monitor: only commits to this stream read
                    // its ids, and each takes this monitor first, so the next one sees the id.
                    stream.commitIds.add(stored.commitId());
                    return stored;
                }
            }
        }
    }

    /**
     * Under the write lock: the first bucket of an empty store becomes the {@link #sole} one, without a feed; a
     * second bucket ends that: the sole bucket's commits so far stay the store-wide feed's up to the last
     * checkpoint, and a feed of its own, empty, takes its commits from the next one on. Nothing is copied.
     */
    private BucketData newBucket() {
        BucketData bucket = new BucketData();
        if (buckets.isEmpty() && feed.last() == 0) {
            bucket.sharedUpTo = Long.MAX_VALUE;
            sole = bucket;
            return bucket;
        }
        if (sole != null) {
            // The feed first: a reader that sees the new bound finds the feed above it.
            sole.feed = new FeedLog();
            sole.sharedUpTo = lastCheckpoint;
            sole = null;
        }
        bucket.feed = new FeedLog();
        return bucket;
    }

    private static void requireFollows(StreamData stream, CommitAttempt attempt) {
        if (stream.commitIds.contains(attempt.commitId())) {
            throw new DuplicateCommitException("Stream " + attempt.bucketId() + "/" + attempt.streamId()
                    + " already holds commit " + attempt.commitId());
        }
        long lastSequence = stream.lastSequence;
        long headRevision = stream.headRevision;
        if (attempt.commitSequence() <= lastSequence || attempt.firstRevision() <= headRevision) {
            throw new ConcurrencyException("Stream " + attempt.bucketId() + "/" + attempt.streamId()
                    + " is at sequence " + lastSequence + ", revision " + headRevision
                    + "; commit " + attempt.commitSequence() + " for revisions " + attempt.firstRevision()
                    + ".." + attempt.streamRevision() + " conflicts");
        }
    }

    /**
     * Under the write lock: the commit goes into its stream, then its bucket's feed, then the store-wide feed,
     * before the next checkpoint is handed out. A {@code created} stream is put into its bucket's maps after
     * its first commit; any other stream was found in them, and is still there since it is not removed.
     */
    private CommitRecord store(StreamData stream, CommitAttempt attempt, boolean created) {
        CommitRecord record = new CommitRecord(attempt, ++lastCheckpoint);
        stream.append(record);
        BucketData bucket = stream.bucket;
        if (created) {
            // Before the stream is visible: a commit that finds it next must see this id.
            stream.commitIds.add(record.commitId());
            bucket.streamsById.put(record.streamId(), stream);
            bucket.streams.put(record.streamId(), stream);
        }
        NavigableMap<TimeKey, CommitRecord> byTime = bucket.byTime;
        if (byTime != null) {
            byTime.put(new TimeKey(record.commitStamp(), record.checkpoint()), record);
        }
        FeedLog bucketFeed = bucket.feed;
        if (bucketFeed != null) {
            bucketFeed.append(record);
        }
        feed.append(record);
        return record;
    }

    Stream<CommitRecord> readStream(StreamRange range, int pageSize) {
        StreamData stream = stream(range.bucketId(), range.streamId());
        if (stream == null) {
            return Stream.empty();
        }
        return Pages.stream(pageSize, (CommitRecord last) -> stream.page(
                last == null ? range.minRevision() : last.streamRevision() + 1, range.maxRevision(), pageSize));
    }

    Stream<CommitRecord> readFeed(FeedRange range, int pageSize) {
        long to = range.toCheckpoint();
        if (range.allBuckets()) {
            return Pages.stream(pageSize, (CommitRecord last) -> feed.page(
                    last == null ? range.afterCheckpoint() : last.checkpoint(), to, pageSize));
        }
        BucketData bucket = buckets.get(range.bucketId());
        if (bucket == null) {
            return Stream.empty();
        }
        // The bound first: a bucket that has one below the maximum has its own feed (see newBucket).
        long shared = bucket.sharedUpTo;
        FeedLog own = bucket.feed;
        String bucketId = range.bucketId();
        return Pages.stream(pageSize, (CommitRecord last) -> {
            long after = last == null ? range.afterCheckpoint() : last.checkpoint();
            return shared == Long.MAX_VALUE ? filtered(bucketId, after, to, pageSize)
                    : joined(shared, own, after, to, pageSize);
        });
    }

    /**
     * A page of the store-wide feed's commits of {@code bucketId}, for the sole bucket, whose reader must not see the
     * commits of a bucket made while it reads. Shorter than {@code pageSize} only at the end, as {@link Pages}
     * requires.
     */
    private List<CommitRecord> filtered(String bucketId, long after, long to, int pageSize) {
        // Scanned a few hundred at a time, whatever the reader's page size, past the other bucket's commits.
        int scan = Math.max(pageSize, 256);
        List<CommitRecord> kept = new ArrayList<>(Math.min(pageSize, 64));
        List<CommitRecord> page = feed.page(after, to, scan);
        while (true) {
            for (CommitRecord record : page) {
                if (record.bucketId().equals(bucketId)) {
                    kept.add(record);
                    if (kept.size() == pageSize) {
                        return kept;
                    }
                }
            }
            if (page.size() < scan) {
                return kept;
            }
            page = feed.page(page.get(page.size() - 1).checkpoint(), to, scan);
        }
    }

    /**
     * A page of a bucket that was the sole one up to {@code shared}: its commits up to there are the store-wide
     * feed's, and above it those of its own feed. Shorter than {@code pageSize} only at the end.
     */
    private List<CommitRecord> joined(long shared, FeedLog own, long after, long to, int pageSize) {
        List<CommitRecord> page = after < Math.min(shared, to) ? feed.page(after, Math.min(shared, to), pageSize)
                : List.of();
        if (page.size() == pageSize || to <= shared) {
            return page;
        }
        List<CommitRecord> above = own.page(Math.max(after, shared), to, pageSize - page.size());
        if (page.isEmpty()) {
            return above;
        }
        List<CommitRecord> both = new ArrayList<>(page.size() + above.size());
        both.addAll(page);
        both.addAll(above);
        return both;
    }

    long lastCheckpoint() {
        return feed.last();
    }

    Stream<CommitRecord> readByTime(TimeRange range, int pageSize) {
        BucketData bucket = buckets.get(range.bucketId());
        if (bucket == null) {
            return Stream.empty();
        }
        NavigableMap<TimeKey, CommitRecord> byTime = timeIndex(range.bucketId(), bucket);
        return Pages.stream(pageSize, last -> page(
                last == null
                        ? byTime.tailMap(new TimeKey(range.from(), Long.MIN_VALUE), true)
                        : byTime.tailMap(new TimeKey(last.commitStamp(), last.checkpoint()), false),
                pageSize, record -> record.commitStamp().isBefore(range.to())));
    }

    /**
     * The bucket's time index, built from its commits on the first read by time. Built under the write lock, so no
     * commit or delete runs meanwhile, and every one after it sees the index and keeps it up to date.
     */
    private NavigableMap<TimeKey, CommitRecord> timeIndex(String bucketId, BucketData bucket) {
        NavigableMap<TimeKey, CommitRecord> byTime = bucket.byTime;
        if (byTime != null) {
            return byTime;
        }
        synchronized (writeLock) {
            if (bucket.byTime == null) {
                NavigableMap<TimeKey, CommitRecord> built = new ConcurrentSkipListMap<>();
                // A bucket purged before this lock was taken has no commits left; the store-wide feed may hold
                // another bucket's by now.
                if (buckets.get(bucketId) == bucket) {
                    for (CommitRecord record : commits(bucket)) {
                        built.put(new TimeKey(record.commitStamp(), record.checkpoint()), record);
                    }
                }
                bucket.byTime = built;
            }
            return bucket.byTime;
        }
    }

    /** Up to {@code pageSize} values from the start of {@code tail}, stopping at the first outside the range. */
    private static <K> List<CommitRecord> page(NavigableMap<K, CommitRecord> tail, int pageSize,
                                               java.util.function.Predicate<CommitRecord> inRange) {
        List<CommitRecord> page = new ArrayList<>(Math.min(pageSize, 64));
        for (CommitRecord record : tail.values()) {
            if (page.size() == pageSize || !inRange.test(record)) {
                break;
            }
            page.add(record);
        }
        return page;
    }

    boolean addSnapshot(SnapshotRecord snapshot) {
        synchronized (writeLock) {
            StreamData stream = stream(snapshot.bucketId(), snapshot.streamId());
            if (stream == null) {
                return false;
            }
            stream.snapshots.put(snapshot.streamRevision(), snapshot);
            stream.snapshotRevision = Math.max(stream.snapshotRevision, snapshot.streamRevision());
            return true;
        }
    }

    Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision) {
        StreamData stream = stream(bucketId, streamId);
        if (stream == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(stream.snapshots.floorEntry(maxRevision)).map(Map.Entry::getValue);
    }

    Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold, int pageSize) {
        BucketData bucket = buckets.get(bucketId);
        if (bucket == null) {
            return Stream.empty();
        }
        return Pages.stream(pageSize, (StreamHead last) -> {
            List<StreamHead> page = new ArrayList<>();
            var tail = last == null ? bucket.streams : bucket.streams.tailMap(last.streamId(), false);
            for (StreamData stream : tail.values()) {
                if (page.size() == pageSize) {
                    break;
                }
                StreamHead head = stream.head();
                if (head.unsnapshotted() >= threshold) {
                    page.add(head);
                }
            }
            return page;
        });
    }

    void deleteStream(String bucketId, String streamId) {
        synchronized (writeLock) {
            BucketData bucket = buckets.get(bucketId);
            StreamData stream = bucket == null ? null : bucket.streamsById.remove(streamId);
            if (stream == null) {
                return;
            }
            bucket.streams.remove(streamId);
            stream.removed = true;
            NavigableMap<TimeKey, CommitRecord> byTime = bucket.byTime;
            FeedLog bucketFeed = bucket.feed;
            for (CommitRecord record : stream.all()) {
                feed.remove(record.checkpoint());
                if (bucketFeed != null) {
                    bucketFeed.remove(record.checkpoint());
                }
                if (byTime != null) {
                    byTime.remove(new TimeKey(record.commitStamp(), record.checkpoint()));
                }
            }
        }
    }

    Optional<Position> position(String name) {
        return Optional.ofNullable(positions.get(name));
    }

    void savePosition(Position position) {
        positions.put(position.name(), position);
    }

    /** Atomic without the write lock: the map's own conditional writes compare and set one entry. */
    boolean replacePosition(Position expected, Position next) {
        return expected == null ? positions.putIfAbsent(next.name(), next) == null
                : positions.replace(next.name(), expected, next);
    }

    void deletePosition(String name) {
        positions.remove(name);
    }

    Stream<Position> positions(String namePrefix, int pageSize) {
        return Pages.stream(pageSize, (Position last) -> {
            List<Position> page = new ArrayList<>();
            var tail = last == null ? positions.tailMap(namePrefix, true) : positions.tailMap(last.name(), false);
            for (Position position : tail.values()) {
                if (page.size() == pageSize || !position.name().startsWith(namePrefix)) {
                    break;
                }
                page.add(position);
            }
            return page;
        });
    }

    void purge() {
        synchronized (writeLock) {
            buckets.values().forEach(MemoryStorage::remove);
            buckets.clear();
            feed.clear();
            sole = null;
        }
    }

    void purge(String bucketId) {
        synchronized (writeLock) {
            BucketData bucket = buckets.remove(bucketId);
            if (bucket != null) {
                remove(bucket);
                if (bucket == sole) {
                    // Its commits were all the store's.
                    feed.clear();
                    sole = null;
                    return;
                }
                for (CommitRecord record : commits(bucket)) {
                    feed.remove(record.checkpoint());
                }
            }
        }
    }

    /**
     * Under the write lock: every commit of {@code bucket}, a bucket of the store: those of the store-wide feed up to
     * its {@link BucketData#sharedUpTo} (all, while it is the sole bucket), then those of its own feed.
     */
    private List<CommitRecord> commits(BucketData bucket) {
        List<CommitRecord> commits = new ArrayList<>();
        if (bucket.sharedUpTo > 0) {
            commits.addAll(feed.page(0, bucket.sharedUpTo, Integer.MAX_VALUE));
        }
        if (bucket.feed != null) {
            commits.addAll(bucket.feed.all());
        }
        return commits;
    }

    void drop() {
        synchronized (writeLock) {
            dropped = true;
            buckets.values().forEach(MemoryStorage::remove);
            buckets.clear();
            sole = null;
            positions.clear();
            feed.clear();
            if (name != null) {
                NAMED.remove(name, this);
            }
        }
    }

    private StreamData stream(String bucketId, String streamId) {
        BucketData bucket = buckets.get(bucketId);
        return bucket == null ? null : bucket.streamsById.get(streamId);
    }

    /** Under the write lock: commits waiting for a stream of {@code bucket} start again, on a new stream. */
    private static void remove(BucketData bucket) {
        bucket.streams.values().forEach(stream -> stream.removed = true);
    }
}
