package org.jeventstore.tck;

import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/** Defect: every third commit is acknowledged with a checkpoint but never stored. */
class LostCommitEngine extends ReferenceEngine {

    private int commits;

    LostCommitEngine(EngineOptions options) {
        super(options);
    }

    @Override
    void store(CommitRecord record) {
        if (++commits % 3 != 0) {
            super.store(record);
        }
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new LostCommitEngine(options);
        }
    }
}
