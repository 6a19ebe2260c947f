package org.jeventstore.engine.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jeventstore.spi.StoreUri;

/**
 * A store URI taken apart: the JDBC URL for the driver (this engine's options removed, everything else as
 * written) and this engine's options.
 */
record JdbcSettings(Dialect dialect, String driverUrl, JdbcOptions options, int poolSize, long timeoutMillis) {

    static final String TABLE_PREFIX = "tablePrefix";
    static final String CREATE_SCHEMA = "createSchema";
    static final String POOL_SIZE = "poolSize";
    static final String TIMEOUT_MILLIS = "timeoutMillis";
    static final String DURABILITY_CHECK = "durabilityCheck";

    static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    /** Whether the URI is a JDBC URL of a supported database; no I/O. */
    static boolean supports(StoreUri uri) {
        return Dialect.ofUrl(uri.value()).isPresent();
    }

    /**
     * @throws IllegalArgumentException if the URI is not a supported JDBC URL or an option is malformed; the
     *                                  message masks secrets
     */
    static JdbcSettings parse(StoreUri uri) {
        String value = uri.value();
        Dialect dialect = Dialect.ofUrl(value).orElseThrow(() -> new IllegalArgumentException(
                "Not a JDBC URL of a supported database (jdbc:postgresql://..., jdbc:mariadb://..., jdbc:mysql://..., "
                + "jdbc:sqlite:<file>): " + uri));
        int query = value.indexOf('?');
        String base = query < 0 ? value : value.substring(0, query);
        List<String> kept = new ArrayList<>();
        Map<String, String> ours = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : value.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (isOption(name)) {
                    if (eq < 0 || ours.put(name, pair.substring(eq + 1)) != null) {
                        throw new IllegalArgumentException("Option " + name + " needs one value: " + uri);
                    }
                } else if (!pair.isEmpty()) {
                    kept.add(pair);
                }
            }
        }
        if (dialect == Dialect.SQLITE) {
            requireFile(base.substring("jdbc:sqlite:".length()), uri);
        }
        String driverUrl = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        try {
            JdbcOptions options = new JdbcOptions(ours.getOrDefault(TABLE_PREFIX, Tables.DEFAULT_PREFIX),
                    bool(ours.get(CREATE_SCHEMA), dialect.createSchemaByDefault()),
                    durabilityCheck(ours.get(DURABILITY_CHECK)));
            int poolSize = (int) number(ours.get(POOL_SIZE), dialect.defaultPoolSize(), 1, 1_000);
            long timeout = number(ours.get(TIMEOUT_MILLIS), DEFAULT_TIMEOUT_MILLIS, 250, 3_600_000);
            return new JdbcSettings(dialect, driverUrl, options, poolSize, timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in " + uri, e);
        }
    }

    private static boolean isOption(String name) {
        return name.equals(TABLE_PREFIX) || name.equals(CREATE_SCHEMA) || name.equals(POOL_SIZE)
                || name.equals(TIMEOUT_MILLIS) || name.equals(DURABILITY_CHECK);
    }

    /** Every pooled connection to an in-memory database would be a database of its own. */
    private static void requireFile(String file, StoreUri uri) {
        if (file.isEmpty() || file.startsWith(":memory:") || file.contains("mode=memory")) {
            throw new IllegalArgumentException("jdbc:sqlite: needs a database file (jdbc:sqlite:<path>); for a store "
                    + "in memory use memory: — got " + uri);
        }
    }

    private static boolean bool(String value, boolean otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(CREATE_SCHEMA + " must be true or false: " + value);
    }

    private static DurabilityCheck durabilityCheck(String value) {
        if (value == null) {
            return DurabilityCheck.REFUSE;
        }
        return switch (value) {
            case "refuse" -> DurabilityCheck.REFUSE;
            case "warn" -> DurabilityCheck.WARN;
            default -> throw new IllegalArgumentException(DURABILITY_CHECK + " must be refuse or warn: " + value);
        };
    }

    private static long number(String value, long otherwise, long min, long max) {
        if (value == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, without the parser's message
        }
        throw new IllegalArgumentException("expected a number from " + min + " to " + max + ", got " + value);
    }
}
