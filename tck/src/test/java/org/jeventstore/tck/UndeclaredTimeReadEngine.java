package org.jeventstore.tck;

import java.util.Set;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/** Defect: serves reads by time without declaring READ_BY_TIME, instead of refusing them. */
class UndeclaredTimeReadEngine extends ForwardingEngine {

    UndeclaredTimeReadEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new UndeclaredTimeReadEngine(new ReferenceEngine(options));
        }
    }
}
