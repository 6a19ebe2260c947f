package org.jeventstore.engine.jdbc;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * An extra run of the whole kit against any PostgreSQL named by {@value #VARIABLE}, a JDBC URL with a query
 * (for example {@code jdbc:postgresql://host/db?user=u&password=p}); each test creates tables with a fresh
 * prefix, left for inspection.
 */
@EnabledIfEnvironmentVariable(named = PostgresEnvironmentTckTest.VARIABLE, matches = ".+")
class PostgresEnvironmentTckTest extends PersistenceEngineTck {

    static final String VARIABLE = "JEVENTSTORE_TEST_POSTGRES_URL";

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        String base = System.getenv(VARIABLE);
        uri = StoreUri.parse(base + (base.contains("?") ? "&" : "?") + "createSchema=true&poolSize=4&tablePrefix="
                + EmbeddedPg.freshPrefix());
        return new JdbcEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new JdbcEngineProvider().open(uri, options);
    }
}
