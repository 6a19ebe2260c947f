package org.jeventstore.tck;

import java.util.stream.Stream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;

/**
 * Defect: an even checkpoint becomes visible in the feed only once the commit after the next one is made, so a
 * reader sees checkpoint c + 1 before c (a late arrival).
 */
class LateCheckpointEngine extends ForwardingEngine {

    private volatile long highest;

    LateCheckpointEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        CommitRecord record = super.commit(attempt);
        highest = Math.max(highest, record.checkpoint());
        return record;
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        return super.readFeed(range).filter(c -> c.checkpoint() % 2 != 0 || highest >= c.checkpoint() + 2);
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new LateCheckpointEngine(new ReferenceEngine(options));
        }
    }
}
