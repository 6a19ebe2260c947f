package org.jeventstore.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jeventstore.EventStore;
import org.jeventstore.EventType;

/** The stored type names of event and snapshot classes, one name per class and one class per name. */
public final class TypeRegistry {

    private final ConcurrentMap<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Class<?>, String> names = new ConcurrentHashMap<>();

    public void register(String name, Class<?> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("type name must not be blank");
        }
        synchronized (this) {
            Class<?> existing = classes.get(name);
            if (existing != null && existing != type) {
                throw new IllegalArgumentException("Type name '" + name + "' is already registered for "
                        + existing.getName() + ", cannot register it for " + type.getName());
            }
            String existingName = names.get(type);
            if (existingName != null && !existingName.equals(name)) {
                throw new IllegalArgumentException(type.getName() + " is already registered as '" + existingName
                        + "', cannot register it as '" + name + "'");
            }
            classes.put(name, type);
            names.put(type, name);
        }
    }

    public void register(Class<?> annotated) {
        EventType annotation = annotated.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(annotated.getName() + " has no @EventType annotation; register it "
                    + "with type(\"name\", " + annotated.getSimpleName() + ".class)");
        }
        register(annotation.value(), annotated);
    }

    /** The stored name of a class: registered, or from its annotation (then remembered for reading). */
    String nameOf(Class<?> type) {
        String name = names.get(type);
        if (name != null) {
            return name;
        }
        if (type.isAnnotationPresent(EventType.class)) {
            register(type);
            return names.get(type);
        }
        throw new IllegalArgumentException("No stored type name for " + type.getName() + ": annotate it with "
                + "@EventType(\"...\") or register it with EventStore.builder().type(\"...\", "
                + type.getSimpleName() + ".class). Stored names keep history readable when classes are renamed.");
    }

    Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(classes.get(name));
    }
}
