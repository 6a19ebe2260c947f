package org.jeventstore.engine.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * An extra run of the whole kit against any MariaDB or MySQL named by {@value #VARIABLE}, a JDBC URL with a
 * query ({@code jdbc:mariadb://host/db?user=u&password=p} or {@code jdbc:mysql://…}); each test creates tables
 * with a fresh prefix, left for inspection. The user needs the right to create triggers (on MySQL with binary
 * logging: SUPER, or the server's {@code log_bin_trust_function_creators=1}).
 */
@EnabledIfEnvironmentVariable(named = MySqlEnvironmentTckTest.VARIABLE, matches = ".+")
class MySqlEnvironmentTckTest extends EnvironmentUrlKit {

    static final String VARIABLE = "JEVENTSTORE_TEST_MYSQL_URL";

    MySqlEnvironmentTckTest() {
        super(VARIABLE);
    }
}
