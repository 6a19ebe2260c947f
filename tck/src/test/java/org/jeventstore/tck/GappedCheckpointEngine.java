package org.jeventstore.tck;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/**
 * A correct engine whose checkpoints leave gaps (every other number is never used), as the SPI allows: the kit
 * must pass on it, so no test may assume that the commit after checkpoint c has checkpoint c + 1.
 */
class GappedCheckpointEngine extends ReferenceEngine {

    GappedCheckpointEngine(EngineOptions options) {
        super(options);
    }

    @Override
    long nextCheckpoint() {
        super.nextCheckpoint();
        return super.nextCheckpoint();
    }

    static class Kit extends PersistenceEngineTck {
        private ReferenceEngine storage;

        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            storage = new GappedCheckpointEngine(options);
            return new EngineHandle(storage);
        }

        @Override
        protected PersistenceEngine reopenEngine(EngineOptions options) {
            return new EngineHandle(storage);
        }
    }
}
