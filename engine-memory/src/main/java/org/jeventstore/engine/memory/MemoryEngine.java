package org.jeventstore.engine.memory;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.spi.AbstractPersistenceEngine;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;

/**
 * An engine over a {@link MemoryStorage}. Records are immutable and copy their bytes, so nothing a caller
 * does to its objects after a commit changes what is stored. Closing an engine leaves a named storage to the
 * other engines that share it; dropping removes it, and the other engines then refuse every call.
 */
final class MemoryEngine extends AbstractPersistenceEngine {

    private final String description;
    private final MemoryStorage storage;
    private final int pageSize;

    MemoryEngine(String description, MemoryStorage storage, EngineOptions options) {
        this.description = description;
        this.storage = storage;
        this.pageSize = options.pageSize();
        facets(new MemorySnapshots(storage, pageSize),
                new MemoryPositions(storage, pageSize));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ_BY_TIME);
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        return storage.live().commit(attempt);
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        return storage.live().readStream(range, pageSize);
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        return storage.live().readFeed(range, pageSize);
    }

    @Override
    public long lastCheckpoint() {
        return storage.live().lastCheckpoint();
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        return storage.live().readByTime(range, pageSize);
    }

    @Override
    public void deleteStream(StreamKey stream) {
        storage.live().deleteStream(stream.bucketId(), stream.streamId());
    }

    @Override
    public void purge(Optional<String> bucketId) {
        MemoryStorage live = storage.live();
        bucketId.ifPresentOrElse(live::purge, live::purge);
    }

    @Override
    public void drop() {
        storage.live().drop();
    }

    @Override
    public void close() {
        // Nothing to release: a named storage outlives its engines, and a fresh one goes with the last reference.
    }

    @Override
    public String toString() {
        return "MemoryEngine[" + description + "]";
    }
}
