package org.jeventstore.engine.jdbc;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.EmbeddedPg;

/** The whole kit on the embedded PostgreSQL: a fresh table prefix per test; reopening is a second pool. */
class PostgresEngineTckTest extends PersistenceEngineTck {

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse(EmbeddedPg.freshStoreUri());
        return new JdbcEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new JdbcEngineProvider().open(uri, options);
    }
}
