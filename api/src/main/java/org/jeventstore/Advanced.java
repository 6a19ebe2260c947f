package org.jeventstore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jeventstore.spi.Capability;

/**
 * The read and maintenance surface of a store. Every read returns a lazy {@link Stream} that fetches a page
 * at a time, so memory stays flat however long the stream or feed; close it (try-with-resources) when done.
 * A store observer ({@code EventStoreBuilder.observer}) sees such a read end when its stream runs out, fails or
 * is closed: a stream abandoned half read and never closed leaves its observation (a span, a timer) open for
 * good. An exception thrown by the caller's own code inside {@code forEach} is not the read's failure.
 * Commits pass through the upconverters and the {@link PipelineHook#select} hooks on the way out.
 */
public interface Advanced {

    /** The commits of a stream holding events with revisions in {@code [minRevision, maxRevision]}. */
    Stream<Commit> readStream(String bucketId, String streamId, long minRevision, long maxRevision);

    /** Every commit of every bucket after {@code afterCheckpoint} (0 for all), in checkpoint order. */
    Stream<Commit> readAll(long afterCheckpoint);

    /** The commits of every bucket with checkpoints in {@code (afterCheckpoint, toCheckpoint]}. */
    Stream<Commit> readAll(long afterCheckpoint, long toCheckpoint);

    /** The commits of one bucket after {@code afterCheckpoint}, in checkpoint order. */
    Stream<Commit> readAll(String bucketId, long afterCheckpoint);

    /** The commits of one bucket with checkpoints in {@code (afterCheckpoint, toCheckpoint]}. */
    Stream<Commit> readAll(String bucketId, long afterCheckpoint, long toCheckpoint);

    /**
     * The checkpoint of the last commit in the store-wide feed, 0 when it is empty: what the last commit of
     * {@link #readAll(long) readAll(0)} would carry, answered by one indexed lookup in the engines of this
     * project. Commits still in flight may or may not be counted; a deleted commit never is. A reader whose
     * position equals it is caught up, so {@code lastCheckpoint() - position} is its lag.
     */
    long lastCheckpoint();

    /**
     * The commits of one bucket stamped at or after {@code from}, by stamp then checkpoint.
     *
     * @throws UnsupportedOperationException if the engine does not offer {@link Capability#READ_BY_TIME}
     */
    Stream<Commit> readFrom(String bucketId, Instant from);

    /** The commits of one bucket stamped in {@code [from, to)}, by stamp then checkpoint. */
    Stream<Commit> readBetween(String bucketId, Instant from, Instant to);

    /** {@link #readStream} on the store's executor, collected: for ranges that fit in memory. */
    CompletableFuture<List<Commit>> readStreamAsync(String bucketId, String streamId, long minRevision,
                                                    long maxRevision);

    /** Up to {@code limit} commits of the feed after {@code afterCheckpoint}, on the store's executor. */
    CompletableFuture<List<Commit>> readAllAsync(long afterCheckpoint, int limit);

    /** The latest snapshot of the stream at or below {@code maxRevision}. */
    Optional<Snapshot> snapshot(String bucketId, String streamId, long maxRevision);

    /**
     * Saves a snapshot, replacing one at the same revision.
     *
     * @return {@code false}, saving nothing, if the stream does not exist
     */
    boolean addSnapshot(Snapshot snapshot);

    /** The streams of a bucket with at least {@code threshold} events committed since their latest snapshot. */
    Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold);

    /** Deletes a stream's commits, snapshots and head; its checkpoints are never reused. */
    void deleteStream(String bucketId, String streamId);

    /** Deletes everything in every bucket. */
    void purge();

    /** Deletes everything in one bucket. */
    void purge(String bucketId);

    /**
     * Removes the storage itself and closes the store. If removing fails, the store and its engine are closed
     * all the same, and the failure is thrown.
     */
    void drop();

    /** The optional features of the engine underneath. */
    Set<Capability> capabilities();
}
