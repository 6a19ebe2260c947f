package org.jeventstore.tck;

import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/** Defect: the next checkpoint follows the highest one stored, so deleting the newest commits reuses theirs. */
class ReusedCheckpointEngine extends ReferenceEngine {

    ReusedCheckpointEngine(EngineOptions options) {
        super(options);
    }

    @Override
    long nextCheckpoint() {
        return stored().stream().mapToLong(CommitRecord::checkpoint).max().orElse(0) + 1;
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new ReusedCheckpointEngine(options);
        }
    }
}
