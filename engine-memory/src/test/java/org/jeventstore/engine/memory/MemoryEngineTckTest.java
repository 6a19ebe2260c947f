package org.jeventstore.engine.memory;

import java.util.UUID;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;

/** The whole kit on {@code memory:<name>}: a named store per test, so that the durability tests can reopen it. */
class MemoryEngineTckTest extends PersistenceEngineTck {

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse("memory:tck-" + UUID.randomUUID());
        return new MemoryEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new MemoryEngineProvider().open(uri, options);
    }
}
