package org.jeventstore.spi;

/**
 * Opens an engine for the store URIs it supports. Found with {@link java.util.ServiceLoader}: register an
 * implementation in {@code META-INF/services/org.jeventstore.spi.EngineProvider} and, for the module path,
 * with {@code provides org.jeventstore.spi.EngineProvider with ...} in {@code module-info.java}.
 *
 * <p>Implementations need a public no-argument constructor, must be cheap to construct, and must not open
 * connections before {@link #open} is called.
 */
public interface EngineProvider {

    /** A short name for messages and listings, for example {@code memory} or {@code mongo}. */
    String name();

    /** Whether this provider opens engines for {@code uri}; decided from the URI alone, without I/O. */
    boolean supports(StoreUri uri);

    /**
     * Opens an engine.
     *
     * @throws IllegalArgumentException if the URI is malformed for this engine; the message masks secrets
     */
    PersistenceEngine open(StoreUri uri, EngineOptions options);
}
