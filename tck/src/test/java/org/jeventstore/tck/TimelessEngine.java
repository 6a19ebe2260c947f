package org.jeventstore.tck;

import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.TimeRange;

/**
 * A correct engine without {@link Capability#READ_BY_TIME}: it refuses reads by time, so the kit must pass on
 * it, asserting the refusal where the reference engine is asserted to serve them.
 */
class TimelessEngine extends ForwardingEngine {

    TimelessEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        throw new UnsupportedOperationException("TimelessEngine does not read by time");
    }

    static class Kit extends PersistenceEngineTck {
        private ReferenceEngine storage;

        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            storage = new ReferenceEngine(options);
            return new TimelessEngine(new EngineHandle(storage));
        }

        @Override
        protected PersistenceEngine reopenEngine(EngineOptions options) {
            return new TimelessEngine(new EngineHandle(storage));
        }
    }
}
