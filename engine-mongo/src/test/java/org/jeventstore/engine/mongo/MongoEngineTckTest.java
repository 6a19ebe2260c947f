package org.jeventstore.engine.mongo;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.InProcessMongo;

/**
 * The whole kit against the in-process server: a fresh database per test; reopening is a second client and
 * engine over the same database, as another process would open it.
 */
class MongoEngineTckTest extends PersistenceEngineTck {

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse(InProcessMongo.freshUri());
        return new MongoEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new MongoEngineProvider().open(uri, options);
    }
}
