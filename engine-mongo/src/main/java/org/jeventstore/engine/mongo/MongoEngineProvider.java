package org.jeventstore.engine.mongo;

import java.util.Objects;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;

/**
 * Opens MongoDB engines for {@code mongodb://} and {@code mongodb+srv://} store URIs: the driver's standard
 * connection string with the database as its path, plus this engine's {@code collectionPrefix} option.
 */
public final class MongoEngineProvider implements EngineProvider {

    /** For {@link java.util.ServiceLoader}. */
    public MongoEngineProvider() {
    }

    @Override
    public String name() {
        return "mongo";
    }

    @Override
    public boolean supports(StoreUri uri) {
        return "mongodb".equals(uri.scheme()) || "mongodb+srv".equals(uri.scheme());
    }

    /**
     * Connects, creates missing indexes and reads the highest checkpoint.
     *
     * @throws IllegalArgumentException if the URI is malformed (the message masks secrets)
     * @throws org.jeventstore.StorageUnavailableException if the server cannot be reached
     */
    @Override
    public PersistenceEngine open(StoreUri uri, EngineOptions options) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        if (!supports(uri)) {
            throw new IllegalArgumentException("Not a mongodb:// or mongodb+srv:// URI: " + uri);
        }
        return MongoEngine.open(MongoSettings.parse(uri), options, builder -> { });
    }
}
