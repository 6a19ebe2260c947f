package org.jeventstore.engine.jdbc;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.EmbeddedPg;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** An extra run of the whole kit against the official PostgreSQL image where Docker is available. */
@Testcontainers(disabledWithoutDocker = true)
class PostgresTestcontainersTckTest extends PersistenceEngineTck {

    @Container
    private static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:17");

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse(POSTGRES.getJdbcUrl() + "?user=" + POSTGRES.getUsername() + "&password="
                + POSTGRES.getPassword() + "&createSchema=true&poolSize=4&tablePrefix=" + EmbeddedPg.freshPrefix());
        return new JdbcEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new JdbcEngineProvider().open(uri, options);
    }
}
