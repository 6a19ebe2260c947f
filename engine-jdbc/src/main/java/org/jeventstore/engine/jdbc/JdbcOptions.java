package org.jeventstore.engine.jdbc;

import java.util.Objects;

/**
 * The JDBC engine's own settings when it is opened over a {@link javax.sql.DataSource} the caller holds (see
 * {@link JdbcEngines}); a store URI gives the same settings as the options {@code tablePrefix},
 * {@code createSchema} and {@code durabilityCheck}.
 *
 * @param tablePrefix     prepended to every table name: 1 to 40 of {@code a-z 0-9 _}, not starting with a digit
 * @param createSchema    whether opening creates missing tables (and the schema-version row)
 * @param durabilityCheck what opening does on a MariaDB or MySQL server whose settings let a crash take back a
 *                        visible commit
 */
public record JdbcOptions(String tablePrefix, boolean createSchema, DurabilityCheck durabilityCheck) {

    public JdbcOptions {
        new Tables(Objects.requireNonNull(tablePrefix, "tablePrefix"));
        Objects.requireNonNull(durabilityCheck, "durabilityCheck");
    }

    /** Prefix {@code jes_}, no schema creation, {@link DurabilityCheck#REFUSE}. */
    public static JdbcOptions defaults() {
        return new JdbcOptions(Tables.DEFAULT_PREFIX, false, DurabilityCheck.REFUSE);
    }

    public JdbcOptions withTablePrefix(String tablePrefix) {
        return new JdbcOptions(tablePrefix, createSchema, durabilityCheck);
    }

    public JdbcOptions withCreateSchema(boolean createSchema) {
        return new JdbcOptions(tablePrefix, createSchema, durabilityCheck);
    }

    public JdbcOptions withDurabilityCheck(DurabilityCheck durabilityCheck) {
        return new JdbcOptions(tablePrefix, createSchema, durabilityCheck);
    }
}
