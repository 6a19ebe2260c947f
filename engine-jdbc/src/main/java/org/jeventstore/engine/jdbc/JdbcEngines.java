package org.jeventstore.engine.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jeventstore.EngineNotFoundException;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.CheckedEngine;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;

/**
 * Opens JDBC engines over a {@link DataSource} the caller holds (a Spring or Jakarta EE pool, say). The engine
 * borrows connections and returns them, and never closes the data source: its owner does.
 *
 * <pre>{@code
 * PersistenceEngine engine = JdbcEngines.open(dataSource, JdbcOptions.defaults().withCreateSchema(true),
 *         EngineOptions.defaults());
 * EventStore store = EventStore.builder().engine(engine).build();
 * }</pre>
 */
public final class JdbcEngines {

    private static final System.Logger LOG = System.getLogger(JdbcEngines.class.getName());

    private static final AtomicInteger POOLS = new AtomicInteger();

    private JdbcEngines() {
    }

    /**
     * Opens an engine over {@code dataSource}; the database (PostgreSQL, MariaDB, MySQL or SQLite) is told by its driver.
     * Creates missing tables when {@code options} ask for it, then checks the schema version. The engine comes
     * behind {@link CheckedEngine}, as {@code EventStores.openEngine} gives one, since a caller may use it below
     * the store.
     *
     * @throws IllegalArgumentException if the database is not one this engine supports
     * @throws org.jeventstore.StorageException if the tables are missing or of another schema version, or a
     *                                          MariaDB or MySQL server can lose visible commits and {@code options}
     *                                          do not accept it ({@link DurabilityCheck})
     * @throws StorageUnavailableException if no connection can be had
     */
    public static PersistenceEngine open(DataSource dataSource, JdbcOptions options, EngineOptions engineOptions) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(engineOptions, "engineOptions");
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.ofConnection(c);
        } catch (SQLException e) {
            throw new StorageUnavailableException("Could not get a connection from " + dataSource + " (SQLState "
                    + e.getSQLState() + ")", e);
        }
        return CheckedEngine.of(open(dialect.displayName() + " data source, table prefix " + options.tablePrefix(),
                dialect, dataSource, options, engineOptions, null));
    }

    /** Opens an engine for a store URI, over a connection pool of its own that it closes with itself. */
    static PersistenceEngine open(StoreUri uri, EngineOptions engineOptions) {
        JdbcSettings settings = JdbcSettings.parse(uri);
        Dialect dialect = settings.dialect();
        requireDriver(dialect, uri, JdbcEngines.class.getClassLoader());
        HikariConfig config = new HikariConfig();
        config.setPoolName("jeventstore-jdbc-" + POOLS.incrementAndGet());
        config.setJdbcUrl(settings.driverUrl());
        config.setDriverClassName(dialect.driverClass());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(settings.timeoutMillis());
        config.setValidationTimeout(Math.min(5_000, settings.timeoutMillis()));
        dialect.connectionDefaults().forEach((name, value) -> {
            if (!settings.driverUrl().contains(name + "=")) {
                config.addDataSourceProperty(name, value);
            }
        });
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StorageUnavailableException("Could not connect to " + uri, e.getCause());
        }
        try {
            return open(uri.toString(), dialect, pool, settings.options(), engineOptions, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static PersistenceEngine open(String description, Dialect dialect, DataSource dataSource,
                                          JdbcOptions options, EngineOptions engineOptions, AutoCloseable ownedPool) {
        Tables tables = new Tables(options.tablePrefix());
        Db db = new Db(dataSource, dialect, tables, dialect.maxPayloadBytes());
        if (dialect.asksTheServer()) {
            record Server(int maxPayloadBytes, List<String> durabilityRisks) {
            }
            Server server = db.call("read the server's settings",
                    c -> new Server(dialect.maxPayloadBytes(c), dialect.durabilityRisks(c)));
            checkDurability(description, dialect, server.durabilityRisks(), options.durabilityCheck());
            db = new Db(dataSource, dialect, tables, server.maxPayloadBytes());
        }
        Schema.open(db, options.createSchema());
        return new JdbcEngine(description, db, engineOptions, ownedPool);
    }

    /** Before anything is written: a server that can lose visible commits is refused, or named in a warning. */
    private static void checkDurability(String description, Dialect dialect, List<String> risks,
                                        DurabilityCheck check) {
        if (risks.isEmpty()) {
            return;
        }
        String message = "The " + dialect.displayName() + " server of " + description + " runs with "
                + String.join(", ", risks) + ": a server crash can take back a commit that readers have already "
                + "seen, and give its checkpoint to another commit that a feed reader past it never sees "
                + "(docs/engines/jdbc.md, \"Crash points\"). Run the server with the binary log on (log_bin), "
                + "sync_binlog=1 and innodb_flush_log_at_trx_commit=1";
        if (check == DurabilityCheck.REFUSE) {
            throw new StorageException(message + ", or accept the risk with durabilityCheck=warn");
        }
        LOG.log(System.Logger.Level.WARNING, message + "; opened anyway, as durabilityCheck=warn asks");
    }

    /** A URL whose driver is not on the class path fails here, naming the artifact, not deep in DriverManager. */
    static void requireDriver(Dialect dialect, StoreUri uri, ClassLoader loader) {
        try {
            Class.forName(dialect.driverClass(), false, loader);
        } catch (ClassNotFoundException e) {
            throw new EngineNotFoundException("The " + dialect.displayName() + " JDBC driver (" + dialect.driverClass()
                    + ") for " + uri + " is not on the class path. Add " + dialect.driverArtifact()
                    + " to the class path; jeventstore-engine-jdbc leaves the choice of drivers to you.");
        }
    }
}
