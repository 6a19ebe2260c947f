package org.jeventstore.internal;

import java.util.Map;
import java.util.function.Function;

/** Chains of event upconverters (v1 → v2 → v3), applied to event bodies as they are read. */
public final class Upconverters {

    /** A chain longer than this is taken to be a cycle. */
    private static final int MAX_CHAIN = 64;

    private final Map<Class<?>, Function<Object, Object>> converters;

    public Upconverters(Map<Class<?>, Function<Object, Object>> converters) {
        this.converters = Map.copyOf(converters);
    }

    Object upconvert(Object body) {
        Object current = body;
        for (int step = 0; step < MAX_CHAIN; step++) {
            Function<Object, Object> converter = converters.get(current.getClass());
            if (converter == null) {
                return current;
            }
            current = java.util.Objects.requireNonNull(converter.apply(current),
                    () -> "upconverter for " + body.getClass().getName() + " returned null");
        }
        throw new IllegalStateException("Upconverters for " + body.getClass().getName() + " form a cycle");
    }

    boolean isEmpty() {
        return converters.isEmpty();
    }
}
