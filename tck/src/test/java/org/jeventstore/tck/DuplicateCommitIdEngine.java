package org.jeventstore.tck;

import java.util.List;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/** Defect: never looks for the commitId in the stream, so a redelivered commit is stored twice. */
class DuplicateCommitIdEngine extends ReferenceEngine {

    DuplicateCommitIdEngine(EngineOptions options) {
        super(options);
    }

    @Override
    boolean isDuplicate(List<CommitRecord> stream, CommitAttempt attempt) {
        return false;
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new DuplicateCommitIdEngine(options);
        }
    }
}
