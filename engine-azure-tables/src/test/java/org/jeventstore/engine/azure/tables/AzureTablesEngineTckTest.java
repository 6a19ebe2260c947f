package org.jeventstore.engine.azure.tables;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.Azurite;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole kit against Azurite started by the build: a new table per test, reopened on the same table. */
@ExtendWith(Azurite.class)
class AzureTablesEngineTckTest extends PersistenceEngineTck {

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse(Azurite.newTableUri());
        return new AzureTablesEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new AzureTablesEngineProvider().open(uri, options);
    }
}
