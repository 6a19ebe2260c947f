package org.jeventstore.tck;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/**
 * Defect: {@code lastCheckpoint()} answers the last checkpoint handed out, deleted commits included (as a
 * lookup of the highest key would over tombstones), so a reader caught up with the feed shows a lag forever.
 */
class AllocatedCheckpointEngine extends ReferenceEngine {

    private long allocated;

    AllocatedCheckpointEngine(EngineOptions options) {
        super(options);
    }

    @Override
    synchronized long nextCheckpoint() {
        allocated = super.nextCheckpoint();
        return allocated;
    }

    @Override
    public synchronized long lastCheckpoint() {
        return allocated;
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new AllocatedCheckpointEngine(options);
        }
    }
}
