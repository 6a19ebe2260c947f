package org.jeventstore.engine.jdbc;

/**
 * The JDBC engine's own settings when it is opened over a {@link javax.sql.DataSource} the caller holds (see
 * {@link JdbcEngines}); a store URI gives the same settings as the options {@code tablePrefix} and
 * {@code createSchema}.
 *
 * @param tablePrefix  prepended to every table name: 1 to 40 of {@code a-z 0-9 _}, not starting with a digit
 * @param createSchema whether opening creates missing tables (and the schema-version row)
 */
public record JdbcOptions(String tablePrefix, boolean createSchema) {

    public JdbcOptions {
        new Tables(java.util.Objects.requireNonNull(tablePrefix, "tablePrefix"));
    }

    /** Prefix {@code jes_}, and no schema creation. */
    public static JdbcOptions defaults() {
        return new JdbcOptions(Tables.DEFAULT_PREFIX, false);
    }

    public JdbcOptions withTablePrefix(String tablePrefix) {
        return new JdbcOptions(tablePrefix, createSchema);
    }

    public JdbcOptions withCreateSchema(boolean createSchema) {
        return new JdbcOptions(tablePrefix, createSchema);
    }
}
