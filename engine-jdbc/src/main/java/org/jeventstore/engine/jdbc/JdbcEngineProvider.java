package org.jeventstore.engine.jdbc;

import java.util.Objects;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;

/**
 * Opens JDBC engines for store URIs that are JDBC URLs: {@code jdbc:postgresql://...},
 * {@code jdbc:mariadb://...}, {@code jdbc:mysql://...} and {@code jdbc:sqlite:<file>}, plus this engine's options
 * {@code tablePrefix}, {@code createSchema}, {@code poolSize}, {@code timeoutMillis} and {@code durabilityCheck},
 * which are taken out before the URL goes to the driver.
 */
public final class JdbcEngineProvider implements EngineProvider {

    /** For {@link java.util.ServiceLoader}. */
    public JdbcEngineProvider() {
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public boolean supports(StoreUri uri) {
        return JdbcSettings.supports(uri);
    }

    /**
     * Starts a connection pool, creates the tables if asked, and checks the schema version.
     *
     * @throws IllegalArgumentException if the URI or an option is malformed (the message masks secrets)
     * @throws org.jeventstore.EngineNotFoundException if the database's JDBC driver is not on the class path
     * @throws org.jeventstore.StorageUnavailableException if the database cannot be reached
     */
    @Override
    public PersistenceEngine open(StoreUri uri, EngineOptions options) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        return JdbcEngines.open(uri, options);
    }
}
