package org.jeventstore.spi;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;

/**
 * What a storage engine implements. The store above it validates, serializes, runs hooks and dispatches; an
 * engine stores and reads serialized commits, snapshots and stream heads, and orders the store-wide feed. The
 * core below holds commits and the feed; {@link #snapshots()} and {@link #positions()} are facets of their own;
 * {@link Capability} values declare the optional parts.
 *
 * <p>Contract, checked for every engine by the TCK ({@code org.jeventstore.tck.PersistenceEngineTck}):
 * <ul>
 *   <li>A commit is atomic: after any crash it is either wholly visible to every read or not at all.</li>
 *   <li>A commit whose commitId is already in the stream fails with {@link DuplicateCommitException}; this
 *       check wins over the concurrency check, so a redelivered commit is always recognised as a duplicate.</li>
 *   <li>A commit whose sequence is taken, or whose revision range (first to last revision) overlaps a range
 *       stored in the stream, fails with {@link ConcurrencyException}, also when its sequence is the next free
 *       one (stored revisions 1..3, then sequence 2 for revisions 3..3 or 2..4): no two events of a stream may
 *       ever have the same revision, whoever built the attempt. Nothing is written by a failed commit. A range
 *       that leaves a gap after the stream's last revision may be refused or accepted.</li>
 *   <li>Checkpoints are 1 or more, increase with every commit and are never reused, even after a stream is
 *       deleted or the store purged.</li>
 *   <li>The feed has no late arrivals: once a reader can see checkpoint <i>c</i>, no commit with a lower
 *       checkpoint becomes visible later. Gaps are allowed; skipping over in-flight commits on a timer is
 *       not.</li>
 *   <li>Bytes round-trip exactly: headers and payloads read back equal, byte for byte, to what was
 *       written, whatever the engine stores natively (an engine that turns JSON into documents must give
 *       back the same text, or keep the original bytes where it cannot).</li>
 *   <li>Reads are lazy: they fetch {@link EngineOptions#pageSize()} items per round trip and hold no more
 *       than a page in memory. The caller closes the returned stream.</li>
 *   <li>Arguments are valid: the value types ({@link CommitAttempt}, {@link StreamRange}, {@link FeedRange},
 *       {@link TimeRange}, {@link StreamKey}, {@link SnapshotRecord}, {@link Position}) refuse to be built from
 *       bad input, and the store calls an engine only through {@link CheckedEngine}, which checks the rest
 *       (names, buckets, nulls, a commit's ids) and refuses calls after {@link #close()}. An engine checks none
 *       of it. A {@link CommitAttempt} alone does not check its ids against {@link Ids}: an engine reading a
 *       store that another program also writes returns the ids it finds, as stored.</li>
 *   <li>Backend failures surface as {@link StorageException}, or {@link StorageUnavailableException} when
 *       the backend cannot be reached and a retry may succeed.</li>
 * </ul>
 */
public interface PersistenceEngine extends AutoCloseable {

    /** The optional features this engine offers. */
    Set<Capability> capabilities();

    /**
     * Stores a commit atomically and gives it the next checkpoint.
     *
     * @return the stored commit with its checkpoint
     * @throws DuplicateCommitException if the stream already holds a commit with this commitId
     * @throws ConcurrencyException     if the commit sequence or the revision range is taken
     */
    CommitRecord commit(CommitAttempt attempt);

    /** The commits of one stream that hold events in the range, in sequence order. */
    Stream<CommitRecord> readStream(StreamRange range);

    /**
     * The commits of the store-wide feed in the range, in checkpoint order. A read may end before
     * {@code toCheckpoint} at a commit still in flight (an engine that orders visibility by resolving
     * unfinished commits stops there rather than skip it); readers poll again after the last checkpoint they
     * got. It never returns a commit after a gap that could still be filled.
     */
    Stream<CommitRecord> readFeed(FeedRange range);

    /**
     * The checkpoint of the last commit the store-wide feed holds now: what the last element of
     * {@code readFeed(FeedRange.after(0))} would be, or 0 when the feed is empty. Commits in flight may or may
     * not be counted, but the answer is always a checkpoint the feed returns: never that of a commit deleted
     * or purged before the call, a tombstone, a filler or a reservation not yet done, so that a reader caught
     * up with the feed sees a lag ({@code lastCheckpoint() - position}) of 0.
     *
     * <p>This default reads the whole feed to its end, which is correct for any engine and costs O(n); the
     * engines of this project override it with one indexed lookup, and a third-party engine should too.
     */
    default long lastCheckpoint() {
        try (Stream<CommitRecord> feed = readFeed(FeedRange.after(0))) {
            return feed.reduce((first, second) -> second).map(CommitRecord::checkpoint).orElse(0L);
        }
    }

    /**
     * The commits of one bucket stamped within the range, ordered by stamp and then checkpoint.
     *
     * @throws UnsupportedOperationException unless the engine declares {@link Capability#READ_BY_TIME}
     */
    default Stream<CommitRecord> readByTime(TimeRange range) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not read by time");
    }

    /** The engine's snapshots and stream heads. */
    SnapshotStore snapshots();

    /** The engine's durable positions, for dispatchers and named subscriptions. */
    PositionStore positions();

    /**
     * Removes the stream's commits, snapshots and head. Its checkpoints are never given out again. Deleting a
     * stream that does not exist (or no longer does) does nothing.
     */
    void deleteStream(StreamKey stream);

    /**
     * Removes every commit, snapshot and head of one bucket, or of every bucket when {@code bucketId} is empty.
     * Checkpoints are never given out again. Positions are kept: they refer to checkpoints, which stay valid.
     */
    void purge(Optional<String> bucketId);

    /**
     * Removes the storage itself (tables, collections, …), positions included, and releases the engine's
     * resources; when it fails, {@link #close()} is called next. Other engines open on the same storage must
     * be reopened, not reused.
     */
    void drop();

    /** Releases the engine's resources. Called once, or after a {@link #drop()} that failed; no call follows. */
    @Override
    void close();
}
