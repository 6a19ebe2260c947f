package org.jeventstore.engine.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import javax.sql.DataSource;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;

/** Connections of one store: borrowing them, transactions, and the translation of driver errors. */
final class Db {

    /** Work on a connection that may throw the driver's exception. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Tables tables;
    private final int maxPayloadBytes;

    Db(DataSource dataSource, Dialect dialect, Tables tables, int maxPayloadBytes) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.tables = tables;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The largest encoded commit or snapshot payload this database takes, in bytes. */
    int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    Dialect dialect() {
        return dialect;
    }

    Tables tables() {
        return tables;
    }

    /** Runs {@code work} on a connection in autocommit mode: each statement is its own transaction. */
    <T> T call(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    <T> T transaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** A driver error as the SPI's exception; the driver's message stays in the cause, not in ours. */
    StorageException failure(String what, SQLException e) {
        String message = dialect.displayName() + " failed to " + what + " (SQLState " + e.getSQLState() + ", error code "
                + e.getErrorCode() + dialect.explain(e) + ")";
        return unavailable(e) ? new StorageUnavailableException(message, e) : new StorageException(message, e);
    }

    private boolean unavailable(SQLException e) {
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException || dialect.isUnavailable(e);
    }
}
