package org.jeventstore.engine.jdbc;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.EmbeddedPg;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * An extra run of the whole kit against the official MySQL 8 image, through Connector/J, where Docker is
 * available. MySQL logs binary by default, and then only SUPER may create triggers unless the server trusts
 * routine creators: the flag a DBA would set (or they create the schema themselves).
 */
@Testcontainers(disabledWithoutDocker = true)
class MySqlTestcontainersTckTest extends PersistenceEngineTck {

    @Container
    private static final MySQLContainer<?> MYSQL = new MySQLContainer<>("mysql:8.0")
            .withCommand("--log-bin-trust-function-creators=1");

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        String base = MYSQL.getJdbcUrl();
        uri = StoreUri.parse(base + (base.contains("?") ? "&" : "?") + "user=" + MYSQL.getUsername() + "&password="
                + MYSQL.getPassword() + "&createSchema=true&poolSize=4&tablePrefix=" + EmbeddedPg.freshPrefix());
        return new JdbcEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new JdbcEngineProvider().open(uri, options);
    }
}
