package org.jeventstore.engine.azure.tables;

import java.util.UUID;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * An extra run of the kit against a real account, named by {@value #VARIABLE}: a store URI whose last path
 * segment is a table-name prefix, with its credential given as an option or, better, through
 * {@code keyEnv}/{@code sasEnv}/{@code connectionStringEnv}, for example
 * {@code azure-tables://myacct.table.core.windows.net/jestck?keyEnv=AZURE_TABLES_KEY}. Each test creates a table
 * named prefix + random suffix and drops it afterwards.
 */
@EnabledIfEnvironmentVariable(named = AzureTablesEngineAccountTckTest.VARIABLE, matches = ".+")
class AzureTablesEngineAccountTckTest extends PersistenceEngineTck {

    static final String VARIABLE = "JEVENTSTORE_AZURE_TABLES_URI";

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        String base = System.getenv(VARIABLE);
        int query = base.indexOf('?');
        String path = query < 0 ? base : base.substring(0, query);
        String rest = query < 0 ? "" : base.substring(query + 1) + "&";
        uri = StoreUri.parse(path + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "?"
                + rest + "create=true");
        return new AzureTablesEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new AzureTablesEngineProvider().open(uri, options);
    }

    @AfterEach
    void dropTable() {
        try (PersistenceEngine engine = reopenEngine(EngineOptions.defaults())) {
            engine.drop();
        }
    }
}
