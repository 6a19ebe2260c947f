package org.jeventstore.spi;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.StreamHead;

/**
 * What a storage engine implements. The store above it validates, serializes, runs hooks and dispatches; an
 * engine stores and reads serialized commits, snapshots and stream heads, and orders the store-wide feed.
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
 *   <li>Bad arguments throw {@link IllegalArgumentException} or {@link NullPointerException} before anything
 *       is written; use after {@link #close()} throws {@link IllegalStateException}.</li>
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
     * The commits of one bucket stamped within the range, ordered by stamp and then checkpoint.
     *
     * @throws UnsupportedOperationException unless the engine declares {@link Capability#READ_BY_TIME}
     */
    default Stream<CommitRecord> readByTime(TimeRange range) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not read by time");
    }

    /**
     * Stores a snapshot, replacing one at the same revision, and records its revision in the stream head.
     *
     * @return {@code false}, writing nothing, if the stream does not exist
     */
    boolean addSnapshot(SnapshotRecord snapshot);

    /** The snapshot of the stream with the highest revision at or below {@code maxRevision}. */
    Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision);

    /**
     * The heads of the bucket's streams whose head revision is at least {@code threshold} above their
     * highest snapshot revision (0 when they have none), in no particular order. Up to date as soon as
     * {@link #commit} and {@link #addSnapshot} return.
     */
    Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold);

    /**
     * Removes the stream's commits, snapshots and head. Its checkpoints are never given out again. Deleting a
     * stream that does not exist (or no longer does) does nothing.
     */
    void deleteStream(String bucketId, String streamId);

    /** The stored position of this name, with its lease, if any. */
    Optional<Position> position(String name);

    /**
     * Stores a position with its lease, replacing any of the same name whatever it holds; durable when this
     * returns. A process that shares a position with others uses {@link #replacePosition} instead.
     */
    void savePosition(Position position);

    /**
     * Stores {@code next} only if the stored position is still {@code expected}: a compare-and-set of one
     * position, by checkpoint and lease. It exists for leases and fencing. Several processes may run the same
     * named subscription on one storage; only the one holding its lease may deliver and move its position. A
     * process takes a free lease by replacing the position it read with one carrying its own lease, and saves
     * its progress by replacing the position it last stored. If another process took the lease meanwhile, the
     * replace returns {@code false} and writes nothing, so a process that was paused and lost its lease cannot
     * move the position.
     *
     * <p>Atomic against every other {@code replacePosition}, {@link #savePosition} and {@link #deletePosition}
     * of the same name, from this engine or any other engine or process over the same storage; durable when it
     * returns. When the backend's answer is lost ({@link StorageUnavailableException}, or a backend client that
     * resent a write which had applied and then reports {@code false}), the outcome is unknown: read the
     * position, and finding {@code next} stored means the write applied, since leases are unique to their
     * holder.
     *
     * @param expected the position as last read; {@code null} to store {@code next} only if no position of its
     *                 name exists
     * @param next     the position to store
     * @return {@code true} if {@code next} was stored; {@code false}, writing nothing, if the stored position
     *         differs from {@code expected} in checkpoint or lease, or exists although {@code expected} is
     *         {@code null}, or is absent although {@code expected} is not
     * @throws IllegalArgumentException if {@code expected} and {@code next} have different names
     */
    boolean replacePosition(Position expected, Position next);

    /** Removes a position; nothing happens if there is none. */
    void deletePosition(String name);

    /** The positions whose names start with {@code namePrefix}, with their leases, ordered by name. */
    Stream<Position> positions(String namePrefix);

    /**
     * Removes every commit, snapshot and head of every bucket. Checkpoints are never given out again.
     * Positions are kept: they refer to checkpoints, which stay valid.
     */
    void purge();

    /** Removes every commit, snapshot and head of one bucket. */
    void purge(String bucketId);

    /**
     * Removes the storage itself (tables, collections, …), positions included, and closes the engine — also
     * when removing fails, so that a failed drop leaks no client. Other engines open on the same storage must
     * be reopened, not reused.
     */
    void drop();

    /** Releases the engine's resources; idempotent. Later calls throw {@link IllegalStateException}. */
    @Override
    void close();
}
