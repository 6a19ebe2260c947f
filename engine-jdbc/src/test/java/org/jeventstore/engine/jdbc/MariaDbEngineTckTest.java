package org.jeventstore.engine.jdbc;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.EmbeddedMariaDb;

/** The whole kit on the embedded MariaDB: tables with a fresh prefix per test; reopening is a second pool. */
class MariaDbEngineTckTest extends PersistenceEngineTck {

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse(EmbeddedMariaDb.freshStoreUri() + "&poolSize=4");
        return new JdbcEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new JdbcEngineProvider().open(uri, options);
    }
}
