package org.jeventstore.tck;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

class ReferenceEngineTckTest extends PersistenceEngineTck {

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        return new ReferenceEngine(options);
    }
}
