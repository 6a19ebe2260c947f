package org.jeventstore.tck;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

class ReferenceEngineTckTest extends PersistenceEngineTck {

    private ReferenceEngine storage;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        storage = new ReferenceEngine(options);
        return new EngineHandle(storage);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new EngineHandle(storage);
    }
}
