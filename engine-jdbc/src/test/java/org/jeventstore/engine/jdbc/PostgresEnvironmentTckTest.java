package org.jeventstore.engine.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * An extra run of the whole kit against any PostgreSQL named by {@value #VARIABLE}, a JDBC URL with a query
 * (for example {@code jdbc:postgresql://host/db?user=u&password=p}); each test creates tables with a fresh
 * prefix, left for inspection.
 */
@EnabledIfEnvironmentVariable(named = PostgresEnvironmentTckTest.VARIABLE, matches = ".+")
class PostgresEnvironmentTckTest extends EnvironmentUrlKit {

    static final String VARIABLE = "JEVENTSTORE_TEST_POSTGRES_URL";

    PostgresEnvironmentTckTest() {
        super(VARIABLE);
    }
}
