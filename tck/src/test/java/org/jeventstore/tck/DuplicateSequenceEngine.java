package org.jeventstore.tck;

import java.util.List;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/** Defect: checks revision ranges but not commit sequences, so a taken sequence is accepted again. */
class DuplicateSequenceEngine extends ReferenceEngine {

    DuplicateSequenceEngine(EngineOptions options) {
        super(options);
    }

    @Override
    boolean conflicts(List<CommitRecord> stream, CommitAttempt attempt) {
        return stream.stream().anyMatch(c -> c.firstRevision() <= attempt.streamRevision()
                && attempt.firstRevision() <= c.streamRevision());
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new DuplicateSequenceEngine(options);
        }
    }
}
