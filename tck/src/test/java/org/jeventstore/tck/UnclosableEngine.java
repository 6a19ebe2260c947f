package org.jeventstore.tck;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/** Defect: close does nothing, so the engine keeps serving calls after it. */
class UnclosableEngine extends ForwardingEngine {

    UnclosableEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public void close() {
        // the defect under test: resources are never released and use after close is not refused
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new UnclosableEngine(new ReferenceEngine(options));
        }
    }
}
