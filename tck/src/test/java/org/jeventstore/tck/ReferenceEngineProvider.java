package org.jeventstore.tck;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;

/** Opens the reference engine for {@code reference:}, so that kits outside this package can run it. */
public final class ReferenceEngineProvider implements EngineProvider {

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
        return new ReferenceEngine(options);
    }
}
