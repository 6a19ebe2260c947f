package org.jeventstore.tck;

import java.util.List;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/**
 * Defect: checks the sequence and the exact revision range only (as a unique index on first and last revision
 * would), so the next sequence over a range that overlaps a stored one is accepted.
 */
class OverlappingRangeEngine extends ReferenceEngine {

    OverlappingRangeEngine(EngineOptions options) {
        super(options);
    }

    @Override
    boolean conflicts(List<CommitRecord> stream, CommitAttempt attempt) {
        return stream.stream().anyMatch(c -> c.commitSequence() == attempt.commitSequence()
                || (c.firstRevision() == attempt.firstRevision() && c.streamRevision() == attempt.streamRevision()));
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new OverlappingRangeEngine(options);
        }
    }
}
