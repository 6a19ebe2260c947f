package org.jeventstore.tck;

import java.util.Optional;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.SnapshotRecord;

/** Defect: snapshot lookups ignore maxRevision and return the stream's latest snapshot. */
class LatestSnapshotEngine extends ForwardingEngine {

    LatestSnapshotEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision) {
        return super.snapshot(bucketId, streamId, Long.MAX_VALUE);
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new LatestSnapshotEngine(new ReferenceEngine(options));
        }
    }
}
