package org.jeventstore.engine.jdbc;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.EmbeddedPg;

/**
 * The whole kit against a database server named by a JDBC URL in an environment variable: each test creates
 * tables with a fresh prefix, left for inspection. Subclasses name the variable and enable themselves on it.
 */
abstract class EnvironmentUrlKit extends PersistenceEngineTck {

    private final String variable;
    private StoreUri uri;

    EnvironmentUrlKit(String variable) {
        this.variable = variable;
    }

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        String base = System.getenv(variable);
        uri = StoreUri.parse(base + (base.contains("?") ? "&" : "?") + "createSchema=true&poolSize=4&tablePrefix="
                + EmbeddedPg.freshPrefix());
        return new JdbcEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new JdbcEngineProvider().open(uri, options);
    }
}
