package org.jeventstore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Immutable copies of header maps: keys are non-null, values may be null, order is kept. */
final class Headers {

    private Headers() {
    }

    static Map<String, Object> copyOf(Map<String, ?> headers) {
        Objects.requireNonNull(headers, "headers");
        if (headers.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        if (copy.containsKey(null)) {
            throw new NullPointerException("header key");
        }
        return Collections.unmodifiableMap(copy);
    }
}
