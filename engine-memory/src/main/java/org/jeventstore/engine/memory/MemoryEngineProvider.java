package org.jeventstore.engine.memory;

import java.util.regex.Pattern;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;

/**
 * Opens in-memory engines: {@code memory:} is a fresh store of its own, {@code memory:<name>} a store shared
 * by every engine opened with that name in the JVM until it is dropped.
 */
public final class MemoryEngineProvider implements EngineProvider {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** For {@link java.util.ServiceLoader}. */
    public MemoryEngineProvider() {
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public boolean supports(StoreUri uri) {
        return "memory".equals(uri.scheme());
    }

    @Override
    public PersistenceEngine open(StoreUri uri, EngineOptions options) {
        if (!supports(uri)) {
            throw new IllegalArgumentException("Not a memory: URI: " + uri);
        }
        String name = uri.schemeSpecificPart();
        if (name.isEmpty()) {
            return new MemoryEngine(uri.toString(), new MemoryStorage(), options);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Malformed memory store URI " + uri
                    + ": expected memory: or memory:<name> with a name of letters, digits, '.', '_' or '-'");
        }
        return new MemoryEngine(uri.toString(), MemoryStorage.named(name), options);
    }
}
