package org.jeventstore.engine.memory;

import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.SnapshotRecord;

/** One stream's commits, commit ids, snapshots and head. Written under the storage lock, read without it. */
final class StreamData {

    final String bucketId;
    final String streamId;
    /** Commits by the revision of their last event: revision ranges never overlap, so this orders them. */
    final NavigableMap<Long, CommitRecord> commitsByLastRevision = new ConcurrentSkipListMap<>();
    final Set<UUID> commitIds = ConcurrentHashMap.newKeySet();
    final NavigableMap<Long, SnapshotRecord> snapshots = new ConcurrentSkipListMap<>();
    volatile long headRevision;
    volatile long lastSequence;
    volatile long snapshotRevision;

    StreamData(String bucketId, String streamId) {
        this.bucketId = bucketId;
        this.streamId = streamId;
    }

    StreamHead head() {
        return new StreamHead(bucketId, streamId, headRevision, snapshotRevision);
    }
}
