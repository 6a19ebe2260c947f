package org.jeventstore.tck;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;

/**
 * Defect: a conditional position write that ignores the position it expects, so the last writer wins. Two
 * processes could then both take a subscription's lease, and a fenced-off one could still move its position.
 */
class LastWriterWinsPositionsEngine extends ForwardingEngine {

    LastWriterWinsPositionsEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public boolean replace(Position expected, Position next) {
        delegate.positions().put(next);
        return true;
    }

    /** Reopened over the same storage, so that the tests across engines see the defect, not a missing reopen. */
    static class Kit extends PersistenceEngineTck {
        private ReferenceEngine storage;

        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            storage = new ReferenceEngine(options);
            return new LastWriterWinsPositionsEngine(new EngineHandle(storage));
        }

        @Override
        protected PersistenceEngine reopenEngine(EngineOptions options) {
            return new LastWriterWinsPositionsEngine(new EngineHandle(storage));
        }
    }
}
