package org.jeventstore.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A store URI such as {@code memory:}, {@code mongodb://user:pw@host/db} or
 * {@code azure-tables://account?key=...}: the scheme picks the engine, the rest is the engine's business.
 *
 * <p>{@link #toString()} masks secrets (a password in the user info, and query or connection-string values
 * whose names suggest a secret), so a StoreUri can be logged or put in a message. {@link #value()} gives the
 * URI as written, for the engine that must pass it to its driver.
 */
public final class StoreUri {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/?#@:]*:).*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;])[^=&;?]*(?:password|passwd|pwd|secret|key|token|sig|signature|credential|sas|connection|auth)[^=&;]*=)[^&;]*");
    private static final String MASK = "****";

    private final String value;
    private final String scheme;

    private StoreUri(String value, String scheme) {
        this.value = value;
        this.scheme = scheme;
    }

    /**
     * Parses the scheme of a store URI; the rest is left to the engine.
     *
     * @throws IllegalArgumentException if there is no valid scheme; the message masks secrets
     */
    public static StoreUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        int colon = uri.indexOf(':');
        if (colon < 1 || !SCHEME.matcher(uri.substring(0, colon)).matches()) {
            throw new IllegalArgumentException("Malformed store URI (expected scheme:...): " + mask(uri));
        }
        return new StoreUri(uri, uri.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /** Replaces passwords and secret-looking parameter values in {@code text} by {@code ****}. */
    public static String mask(String text) {
        String masked = USER_INFO_PASSWORD.matcher(text).replaceAll("$1" + MASK + "@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }

    /** The scheme, in lower case. */
    public String scheme() {
        return scheme;
    }

    /** Everything after the first colon. */
    public String schemeSpecificPart() {
        return value.substring(value.indexOf(':') + 1);
    }

    /** The URI as written, secrets included: pass it to a driver, never to a message or a log. */
    public String value() {
        return value;
    }

    /**
     * This URI as a {@link URI}.
     *
     * @throws IllegalArgumentException if it is not a valid URI; the message masks secrets and does not
     *                                  carry the parser's message, which would repeat the input
     */
    public URI toURI() {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Malformed store URI at index " + e.getIndex() + ": " + this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreUri u && value.equals(u.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The URI with secrets masked. */
    @Override
    public String toString() {
        return mask(value);
    }
}
