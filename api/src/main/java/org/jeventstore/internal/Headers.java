package org.jeventstore.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable copies of header maps: keys are non-null, values are JSON values (null, strings, booleans, finite
 * numbers, and lists and string-keyed maps of them), order is kept. Anything else would be stored as something
 * else (bytes as base64 text, NaN as the string "NaN", an object as a map) and read back changed, so it is
 * refused before anything is written.
 */
public final class Headers {

    private Headers() {
    }

    public static Map<String, Object> copyOf(Map<String, ?> headers) {
        Objects.requireNonNull(headers, "headers");
        if (headers.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        if (copy.containsKey(null)) {
            throw new NullPointerException("header key");
        }
        copy.forEach((key, value) -> requireJson(key, value));
        return Collections.unmodifiableMap(copy);
    }

    private static void requireJson(String path, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return;
        }
        if (value instanceof Double d && Double.isFinite(d) || value instanceof Float f && Float.isFinite(f)) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireJson(path + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("Header '" + path + "' holds a map with the key "
                            + entry.getKey() + "; keys of header maps must be strings");
                }
                requireJson(path + "." + key, entry.getValue());
            }
            return;
        }
        throw new IllegalArgumentException("Header '" + path + "' is "
                + (value instanceof Number ? value : "a " + value.getClass().getName())
                + ", which is not a JSON value (null, string, boolean, finite number, or a list or map of them); "
                + "convert it, for example to a string");
    }
}
