package org.jeventstore.engine.dynamodb;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jeventstore.spi.StoreUri;

/**
 * What a {@code dynamodb://<region>/<table>?options} URI says. Credentials are never read from the URI: the
 * SDK's default provider chain finds them, so a URI never carries a secret in the first place.
 *
 * @param region      the AWS region, for example {@code eu-west-1}
 * @param table       the table holding the whole store
 * @param endpoint    an endpoint to use instead of the region's (DynamoDB Local, LocalStack), or {@code null}
 * @param createTable whether to create the table (on-demand billing) when it does not exist
 * @param timeout     the limit on one API call, retries included
 * @param display     the URI with secrets masked, for messages
 */
record DynamoDbSettings(String region, String table, URI endpoint, boolean createTable, Duration timeout,
                        String display) {

    static final String SCHEME = "dynamodb";

    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** DynamoDB's own rule for table names. */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Set<String> OPTIONS = Set.of("endpoint", "createTable", "timeoutMillis");
    private static final String FORM = "expected dynamodb://<region>/<table>[?endpoint=<url>&createTable=true"
            + "&timeoutMillis=<n>]";

    /**
     * Parses a store URI.
     *
     * @throws IllegalArgumentException if it is malformed; the message holds only the masked URI
     */
    static DynamoDbSettings parse(StoreUri uri) {
        String display = uri.toString();
        if (!SCHEME.equals(uri.scheme())) {
            throw malformed(display, "not a dynamodb: URI");
        }
        URI parsed;
        try {
            parsed = uri.toURI();
        } catch (IllegalArgumentException e) {
            throw malformed(display, "not a valid URI");
        }
        if (parsed.getRawUserInfo() != null) {
            throw malformed(display, "credentials are not accepted in the URI; the SDK's default credential "
                    + "provider chain supplies them");
        }
        String region = parsed.getHost();
        if (region == null || !REGION.matcher(region).matches() || parsed.getPort() != -1) {
            throw malformed(display, "the authority must be an AWS region such as eu-west-1");
        }
        String path = parsed.getPath();
        String table = path == null || path.length() < 2 ? "" : path.substring(1);
        if (!TABLE.matcher(table).matches()) {
            throw malformed(display, "the path must be a table name of 3 to 255 letters, digits, '_', '-' or '.'");
        }
        if (parsed.getRawFragment() != null) {
            throw malformed(display, "a fragment is not allowed");
        }
        Map<String, String> options = options(parsed.getRawQuery(), display);
        URI endpoint = null;
        if (options.containsKey("endpoint")) {
            endpoint = endpoint(options.get("endpoint"), display);
        }
        boolean createTable = bool(options.getOrDefault("createTable", "false"), "createTable", display);
        Duration timeout = Duration.ofMillis(positive(options.getOrDefault("timeoutMillis", "30000"),
                "timeoutMillis", display));
        return new DynamoDbSettings(region, table, endpoint, createTable, timeout, display);
    }

    private static Map<String, String> options(String rawQuery, String display) {
        Map<String, String> options = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw malformed(display, "every option needs a name and a value");
            }
            String name = decode(pair.substring(0, eq), display);
            if (!OPTIONS.contains(name)) {
                throw malformed(display, "unknown option '" + StoreUri.mask(name) + "'; known options are "
                        + OPTIONS.stream().sorted().toList());
            }
            if (options.put(name, decode(pair.substring(eq + 1), display)) != null) {
                throw malformed(display, "option '" + name + "' is given twice");
            }
        }
        return options;
    }

    private static String decode(String raw, String display) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(display, "bad percent-encoding");
        }
    }

    private static URI endpoint(String value, String display) {
        try {
            URI endpoint = new URI(value);
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null
                    || endpoint.getRawUserInfo() != null) {
                throw malformed(display, "endpoint must be an http or https URL without credentials");
            }
            return endpoint;
        } catch (java.net.URISyntaxException e) {
            throw malformed(display, "endpoint is not a valid URL");
        }
    }

    private static boolean bool(String value, String name, String display) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed(display, name + " must be true or false");
        };
    }

    private static long positive(String value, String name, String display) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, without the parser's message, which would repeat the input
        }
        throw malformed(display, name + " must be a positive number");
    }

    private static IllegalArgumentException malformed(String display, String why) {
        return new IllegalArgumentException("Malformed DynamoDB store URI " + display + ": " + why + "; " + FORM);
    }
}
