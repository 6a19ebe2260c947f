package org.jeventstore.spi;

import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.StreamHead;

/**
 * An engine's snapshots and stream heads: the facet {@link PersistenceEngine#snapshots()} gives. Arguments
 * are valid and the engine is open whenever the store calls (see {@link CheckedEngine}).
 */
public interface SnapshotStore {

    /**
     * Stores a snapshot, replacing one at the same revision, and records its revision in the stream head. The
     * store never passes a snapshot above the stream's head revision.
     *
     * @return {@code false}, writing nothing, if the stream does not exist
     */
    boolean add(SnapshotRecord snapshot);

    /** The snapshot of the stream with the highest revision at or below {@code maxRevision}. */
    Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision);

    /**
     * The heads of the bucket's streams whose head revision is at least {@code threshold} above their
     * highest snapshot revision (0 when they have none), in no particular order. Up to date as soon as
     * {@link PersistenceEngine#commit} and {@link #add} return.
     */
    Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold);
}
