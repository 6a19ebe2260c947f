package org.jeventstore.engine.dynamodb;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;

/** Store URIs for the extra TCK runs: the given URI with a table of its own per test, created by the engine. */
final class TablePerTest {

    private TablePerTest() {
    }

    /** {@code base} with {@code -<random>} appended to its table name and {@code createTable=true}. */
    static String uri(String base) {
        try {
            URI uri = new URI(base);
            String table = uri.getPath() + "-" + UUID.randomUUID().toString().substring(0, 8);
            String query = uri.getQuery() == null ? "createTable=true" : uri.getQuery() + "&createTable=true";
            return new URI(uri.getScheme(), uri.getAuthority(), table, query, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Malformed base URI for the TCK run");
        }
    }
}
