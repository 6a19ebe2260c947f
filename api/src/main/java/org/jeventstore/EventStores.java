package org.jeventstore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jeventstore.spi.CheckedEngine;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;

/**
 * Opens stores by URI, with the engine found on the class path (or module path) by {@link ServiceLoader}.
 *
 * <pre>{@code
 * EventStore store = EventStores.open("memory:");
 * EventStore store = EventStores.open("mongodb://localhost/shop");   // needs jeventstore-engine-mongo
 * }</pre>
 *
 * Discovery is defensive: a provider that fails to load is logged and skipped, so it cannot hide the others;
 * two providers claiming one URI is an error; so is none, with a message naming the URI (secrets masked),
 * the engines available and the artifact to add.
 */
public final class EventStores {

    private static final System.Logger LOG = System.getLogger(EventStores.class.getName());

    /** Our engines' artifacts, by the schemes they serve: named in the error when one is missing. */
    private static final Map<String, String> ARTIFACTS = Map.of(
            "memory", "jeventstore-engine-memory",
            "mongodb", "jeventstore-engine-mongo",
            "mongodb+srv", "jeventstore-engine-mongo",
            "dynamodb", "jeventstore-engine-dynamodb",
            "azure-tables", "jeventstore-engine-azure-tables",
            "jdbc", "jeventstore-engine-jdbc");

    private EventStores() {
    }

    /**
     * A store with default settings over the engine for {@code uri}.
     *
     * @throws EngineNotFoundException  if no engine on the class path supports the URI
     * @throws IllegalArgumentException if the URI is malformed
     * @throws IllegalStateException    if two engines claim the URI
     */
    public static EventStore open(String uri) {
        return EventStore.builder().engine(uri).build();
    }

    /** Opens the engine for {@code uri} directly, for tools and tests that work below the store. */
    public static PersistenceEngine openEngine(String uri, EngineOptions options) {
        StoreUri storeUri = StoreUri.parse(uri);
        List<EngineProvider> providers = providers();
        List<EngineProvider> matching = matching(providers, storeUri);
        if (matching.isEmpty()) {
            throw new EngineNotFoundException(notFoundMessage(storeUri, providers));
        }
        if (matching.size() > 1) {
            throw new IllegalStateException("Several engines support " + storeUri + ": "
                    + names(matching) + ". Keep one of them on the class path.");
        }
        return CheckedEngine.of(matching.get(0).open(storeUri, options));
    }

    /** The provider that supports {@code uri}, if exactly one does. */
    public static Optional<EngineProvider> find(String uri) {
        List<EngineProvider> matching = matching(providers(), StoreUri.parse(uri));
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    /** Whether exactly one engine on the class path supports {@code uri}. */
    public static boolean supports(String uri) {
        return find(uri).isPresent();
    }

    /** The names of the engines on the class path. */
    public static List<String> available() {
        return names(providers());
    }

    private static List<EngineProvider> matching(List<EngineProvider> providers, StoreUri uri) {
        List<EngineProvider> matching = new ArrayList<>();
        for (EngineProvider provider : providers) {
            try {
                if (provider.supports(uri)) {
                    matching.add(provider);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Engine provider " + provider.getClass().getName()
                        + " failed to answer supports(" + uri + "); skipping it", e);
            }
        }
        return matching;
    }

    /** Loads every provider that can be loaded; one that cannot is logged and skipped. */
    private static List<EngineProvider> providers() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ServiceLoader<EngineProvider> serviceLoader = loader == null
                ? ServiceLoader.load(EngineProvider.class, EventStores.class.getClassLoader())
                : ServiceLoader.load(EngineProvider.class, loader);
        List<EngineProvider> providers = new ArrayList<>();
        Iterator<EngineProvider> iterator = serviceLoader.iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                providers.add(iterator.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "Skipping an engine provider that failed to load", e);
            }
        }
        return providers;
    }

    private static String notFoundMessage(StoreUri uri, List<EngineProvider> providers) {
        String artifact = ARTIFACTS.get(uri.scheme());
        String advice = artifact != null
                ? "Add org.jeventstore:" + artifact + " to the class path."
                : "Add the jar of an engine that supports the '" + uri.scheme() + "' scheme to the class path.";
        return "No engine for " + uri + "; available: " + names(providers) + ". " + advice;
    }

    private static List<String> names(List<EngineProvider> providers) {
        return providers.stream().map(EventStores::safeName).collect(Collectors.toList());
    }

    private static String safeName(EngineProvider provider) {
        try {
            return provider.name();
        } catch (RuntimeException e) {
            return provider.getClass().getName();
        }
    }
}
