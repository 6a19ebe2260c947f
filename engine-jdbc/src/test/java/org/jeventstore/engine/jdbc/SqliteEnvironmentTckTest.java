package org.jeventstore.engine.jdbc;

import java.nio.file.Path;
import java.util.UUID;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * An extra run of the whole kit with SQLite files in the directory named by {@value #VARIABLE} (another file
 * system than target/, a network mount, say); one file per test, left for inspection.
 */
@EnabledIfEnvironmentVariable(named = SqliteEnvironmentTckTest.VARIABLE, matches = ".+")
class SqliteEnvironmentTckTest extends PersistenceEngineTck {

    static final String VARIABLE = "JEVENTSTORE_TEST_SQLITE_DIR";

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse("jdbc:sqlite:" + Path.of(System.getenv(VARIABLE), UUID.randomUUID() + ".db"));
        return new JdbcEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new JdbcEngineProvider().open(uri, options);
    }
}
