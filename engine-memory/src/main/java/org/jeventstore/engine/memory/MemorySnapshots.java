package org.jeventstore.engine.memory;

import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StreamKey;

/** The snapshots and stream heads of a {@link MemoryStorage}. */
final class MemorySnapshots implements SnapshotStore {

    private final MemoryStorage storage;
    private final int pageSize;

    MemorySnapshots(MemoryStorage storage, int pageSize) {
        this.storage = storage;
        this.pageSize = pageSize;
    }

    @Override
    public boolean add(SnapshotRecord snapshot) {
        return storage.live().addSnapshot(snapshot);
    }

    @Override
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        return storage.live().snapshot(stream.bucketId(), stream.streamId(), maxRevision);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        return storage.live().streamsToSnapshot(bucketId, threshold, pageSize);
    }
}
