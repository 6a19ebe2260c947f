package org.jeventstore.engine.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps a driver's data source and records every JDBC call that goes to the database: a statement execution,
 * {@code commit}, {@code rollback}, {@code isValid}, and {@code setAutoCommit(true)} on a connection in a
 * transaction (which commits it). Put under a pool, it sees the pool's own checks too.
 */
final class RoundTrips implements DataSource {

    private final DataSource target;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    RoundTrips(DataSource target) {
        this.target = target;
    }

    /** The calls recorded since the last reset, as {@code method} or {@code method:sql}. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    void reset() {
        calls.clear();
    }

    private Connection wrap(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            switch (method.getName()) {
                case "commit", "rollback", "isValid" -> calls.add(method.getName());
                case "setAutoCommit" -> {
                    if ((Boolean) args[0] && !connection.getAutoCommit()) {
                        calls.add("setAutoCommit(true)");
                    }
                }
                default -> { }
            }
        }, (method, args, result) -> {
            if (result instanceof Statement statement) {
                String prepared = args != null && args.length > 0 && args[0] instanceof String s ? s : "";
                return proxy(method.getReturnType(), statement, (m, a) -> {
                    if (m.getName().startsWith("execute")) {
                        calls.add(m.getName() + ":" + (a != null && a.length > 0 && a[0] instanceof String s
                                ? s : prepared));
                    }
                }, (m, a, r) -> r);
            }
            return result;
        });
    }

    private interface Before {
        void call(Method method, Object[] args) throws Exception;
    }

    private interface After {
        Object call(Method method, Object[] args, Object result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, Object target, Before before, After after) {
        InvocationHandler handler = (p, method, args) -> {
            before.call(method, args);
            try {
                return after.call(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
