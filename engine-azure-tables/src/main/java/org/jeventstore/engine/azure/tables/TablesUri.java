package org.jeventstore.engine.azure.tables;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jeventstore.spi.StoreUri;

/**
 * An {@code azure-tables://} URI taken apart. Two forms:
 * <ul>
 *   <li>{@code azure-tables://<account>.table.core.windows.net/<table>?...}: the account is the host's first
 *       label, HTTPS;</li>
 *   <li>{@code azure-tables://<host>:<port>/<account>/<table>?...}: path-style, as Azurite serves it, HTTP.</li>
 * </ul>
 * Every message names options, never their values, and shows the URI only through {@link StoreUri#toString()}.
 *
 * @param endpoint         the table service endpoint, without credentials
 * @param account          the account name
 * @param table            the table name
 * @param credential       how to sign requests
 * @param create           whether to create the table when it is missing
 * @param resolveAfter     how old a pending reservation must be before a reader resolves it
 * @param maxRetries       how often the SDK retries a failed request
 */
record TablesUri(String endpoint, String account, String table, Credential credential, boolean create,
                 Duration resolveAfter, int maxRetries) {

    static final String SCHEME = "azure-tables";

    /** Azurite's development account key: public, documented by Microsoft, still never printed. */
    static final String DEV_ACCOUNT = "devstoreaccount1";
    private static final String DEV_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Set<String> OPTIONS = Set.of("key", "keyEnv", "sas", "sasEnv", "connectionString",
            "connectionStringEnv", "create", "resolveAfterMillis", "maxRetries", "protocol");

    /** A way to authenticate; {@code toString()} never shows the secret. */
    sealed interface Credential {
        /** A shared account key. */
        record AccountKey(String name, String key) implements Credential {
            @Override
            public String toString() {
                return "AccountKey[" + name + ", ****]";
            }
        }

        /** A shared access signature token. */
        record Sas(String token) implements Credential {
            @Override
            public String toString() {
                return "Sas[****]";
            }
        }

        /** A full connection string: it names the endpoint too, which then wins over the URI's. */
        record ConnectionString(String value) implements Credential {
            @Override
            public String toString() {
                return "ConnectionString[****]";
            }
        }
    }

    static TablesUri parse(StoreUri uri) {
        return parse(uri, System::getenv);
    }

    /** Parses with {@code env} for the {@code ...Env} options, so that tests need not change the environment. */
    static TablesUri parse(StoreUri uri, UnaryOperator<String> env) {
        if (!SCHEME.equals(uri.scheme())) {
            throw new IllegalArgumentException("Not an azure-tables URI: " + uri);
        }
        String rest = uri.schemeSpecificPart();
        if (!rest.startsWith("//")) {
            throw malformed(uri, "expected azure-tables://<host>/<table> or azure-tables://<host>:<port>/<account>/<table>");
        }
        rest = rest.substring(2);
        int query = rest.indexOf('?');
        Map<String, String> options = options(uri, query < 0 ? "" : rest.substring(query + 1));
        String hostAndPath = query < 0 ? rest : rest.substring(0, query);
        int slash = hostAndPath.indexOf('/');
        if (slash <= 0) {
            throw malformed(uri, "no host or no table");
        }
        String host = hostAndPath.substring(0, slash);
        if (host.contains("@") || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw malformed(uri, "the host is not valid (credentials go in options, never before the host)");
        }
        String[] path = hostAndPath.substring(slash + 1).split("/", -1);
        String account;
        String table;
        boolean pathStyle;
        if (path.length == 1) {
            account = host.contains(".") ? host.substring(0, host.indexOf('.')) : "";
            table = path[0];
            pathStyle = false;
        } else if (path.length == 2) {
            account = path[0];
            table = path[1];
            pathStyle = true;
        } else {
            throw malformed(uri, "the path must be /<table> or /<account>/<table>");
        }
        if (!TABLE.matcher(table).matches()) {
            throw malformed(uri, "a table name is 3 to 63 letters and digits, starting with a letter");
        }
        if (!ACCOUNT.matcher(account).matches()) {
            throw malformed(uri, "an account name is 3 to 24 lower-case letters and digits");
        }
        String protocol = options.getOrDefault("protocol", pathStyle ? "http" : "https").toLowerCase(Locale.ROOT);
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw malformed(uri, "protocol must be http or https");
        }
        String endpoint = protocol + "://" + host + (pathStyle ? "/" + account : "");
        return new TablesUri(endpoint, account, table, credential(uri, account, options, env),
                bool(uri, options, "create"), Duration.ofMillis(number(uri, options, "resolveAfterMillis", 5_000)),
                (int) number(uri, options, "maxRetries", 3));
    }

    private static Credential credential(StoreUri uri, String account, Map<String, String> options,
                                         UnaryOperator<String> env) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : new String[] {"key", "sas", "connectionString"}) {
            if (options.containsKey(name)) {
                given.put(name, options.get(name));
            }
            String variable = options.get(name + "Env");
            if (variable != null) {
                String value = env.apply(variable);
                if (value == null || value.isBlank()) {
                    throw malformed(uri, "environment variable " + variable + " (option " + name + "Env) is not set");
                }
                given.put(name, value);
            }
        }
        if (given.size() > 1) {
            throw malformed(uri, "give one credential of key, sas and connectionString (or their ...Env options), "
                    + "not " + given.keySet());
        }
        if (given.isEmpty()) {
            if (DEV_ACCOUNT.equals(account)) {
                return new Credential.AccountKey(account, DEV_KEY);
            }
            throw malformed(uri, "no credential: add key, sas or connectionString, or keyEnv, sasEnv or "
                    + "connectionStringEnv naming an environment variable");
        }
        Map.Entry<String, String> only = given.entrySet().iterator().next();
        String value = only.getValue();
        return switch (only.getKey()) {
            case "key" -> new Credential.AccountKey(account, value);
            case "sas" -> new Credential.Sas(value.startsWith("?") ? value.substring(1) : value);
            default -> new Credential.ConnectionString(value);
        };
    }

    private static Map<String, String> options(StoreUri uri, String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!OPTIONS.contains(name)) {
                throw malformed(uri, "unknown option '" + name + "'; known: " + new java.util.TreeSet<>(OPTIONS));
            }
            if (options.containsKey(name)) {
                throw malformed(uri, "option " + name + " is given twice");
            }
            options.put(name, eq < 0 ? "" : decode(uri, name, pair.substring(eq + 1)));
        }
        return options;
    }

    /** Percent-decoding only: a '+' stays a '+', as base64 account keys need. */
    private static String decode(StoreUri uri, String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw malformed(uri, "option " + name + " has a malformed percent escape");
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed(uri, "option " + name + " has a malformed percent escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                    bytes = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(bytes);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean bool(StoreUri uri, Map<String, String> options, String name) {
        String value = options.getOrDefault(name, "false");
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw malformed(uri, "option " + name + " must be true or false");
    }

    private static long number(StoreUri uri, Map<String, String> options, String name, long defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0 || parsed > Integer.MAX_VALUE) {
                throw malformed(uri, "option " + name + " must be between 0 and " + Integer.MAX_VALUE);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw malformed(uri, "option " + name + " must be a whole number");
        }
    }

    /** The message shows the URI masked by {@link StoreUri}, and names what is wrong without repeating values. */
    private static IllegalArgumentException malformed(StoreUri uri, String problem) {
        return new IllegalArgumentException("Malformed azure-tables URI " + safe(uri) + ": " + problem);
    }

    /**
     * The URI masked, and cut before the query when an option value could hold an unmasked secret (a
     * percent-encoded connection string or SAS escapes StoreUri's masking).
     */
    static String safe(StoreUri uri) {
        String masked = uri.toString();
        int query = masked.indexOf('?');
        return query < 0 ? masked : masked.substring(0, query) + "?…";
    }
}
