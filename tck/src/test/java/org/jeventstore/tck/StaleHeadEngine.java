package org.jeventstore.tck;

import java.util.stream.Stream;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/** Defect: stream heads never learn of snapshots, so their snapshot revision stays 0. */
class StaleHeadEngine extends ForwardingEngine {

    StaleHeadEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        return super.streamsToSnapshot(bucketId, 0)
                .map(head -> new StreamHead(head.bucketId(), head.streamId(), head.headRevision(), 0))
                .filter(head -> head.headRevision() >= threshold);
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new StaleHeadEngine(new ReferenceEngine(options));
        }
    }
}
