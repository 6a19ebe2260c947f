package org.jeventstore.tck;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;

/**
 * Opens the reference engine for {@code reference:<name>}, so that kits outside this package can run it:
 * engines opened with one name share one storage.
 */
public final class ReferenceEngineProvider implements EngineProvider {

    private static final Map<String, ReferenceEngine> STORAGES = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public boolean supports(StoreUri uri) {
        return uri.scheme().equals("reference");
    }

    @Override
    public PersistenceEngine open(StoreUri uri, EngineOptions options) {
        return new EngineHandle(STORAGES.computeIfAbsent(uri.schemeSpecificPart(), name -> new ReferenceEngine(options)));
    }
}
