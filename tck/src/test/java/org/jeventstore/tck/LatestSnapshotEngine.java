package org.jeventstore.tck;

import java.util.Optional;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamKey;

/** Defect: snapshot lookups ignore maxRevision and return the stream's latest snapshot. */
class LatestSnapshotEngine extends ForwardingEngine {

    LatestSnapshotEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        return super.latest(new StreamKey(bucketId, streamId), Long.MAX_VALUE);
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new LatestSnapshotEngine(new ReferenceEngine(options));
        }
    }
}
