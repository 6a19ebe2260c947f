package org.jeventstore.engine.jdbc;

import java.util.regex.Pattern;

/** The names of a store's tables: a prefix, then a fixed name. */
record Tables(String prefix) {

    /** Lower case, so PostgreSQL's folding of unquoted names changes nothing; short enough for index names. */
    static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

    static final String DEFAULT_PREFIX = "jes_";

    Tables {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("tablePrefix must be 1 to 40 of a-z, 0-9 and _, not starting with a "
                    + "digit: " + prefix);
        }
    }

    String schemaVersion() {
        return prefix + "schema_version";
    }

    String checkpoint() {
        return prefix + "checkpoint";
    }

    String commits() {
        return prefix + "commits";
    }

    String heads() {
        return prefix + "heads";
    }

    String snapshots() {
        return prefix + "snapshots";
    }

    String positions() {
        return prefix + "positions";
    }
}
