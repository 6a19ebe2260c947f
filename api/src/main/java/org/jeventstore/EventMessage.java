package org.jeventstore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jeventstore.internal.Headers;

/**
 * One event: a body (any object the serializer can write, registered under a stored type name) and headers.
 *
 * <p>Header values round-trip as JSON values: strings, numbers, booleans, null, lists and maps of them.
 *
 * @param headers the event's headers, never null
 * @param body    the event itself, never null
 */
public record EventMessage(Map<String, Object> headers, Object body) {

    public EventMessage {
        headers = Headers.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** An event without headers. */
    public static EventMessage of(Object body) {
        return new EventMessage(Map.of(), body);
    }

    /** An event with headers. */
    public static EventMessage of(Object body, Map<String, ?> headers) {
        return new EventMessage(Headers.copyOf(headers), body);
    }

    /** This event with one more header (or one replaced). */
    public EventMessage withHeader(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(key, "key"), value);
        return new EventMessage(copy, body);
    }
}
