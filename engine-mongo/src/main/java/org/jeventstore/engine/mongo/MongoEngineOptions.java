package org.jeventstore.engine.mongo;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jeventstore.spi.EngineOptions;

/**
 * The settings of an engine opened by {@link MongoEngines} over the application's own client: what the store URI's
 * options say for an engine opened by URI.
 *
 * @param collectionPrefix prepended to every collection name (up to 64 letters, digits, {@code _}, {@code .},
 *                         {@code -}; not {@code system.}), so that several stores can share a database; empty for
 *                         the C# names
 * @param pageSize         how many commits, snapshots or stream heads a read fetches per round trip
 * @param streamHeads      whether to maintain the C# engine's {@code Streams} collection of stream heads (after each
 *                         commit, off its round trip) and read heads from it; what the URI option
 *                         {@code streamHeads=true} says (see docs/engines/mongo.md)
 */
public record MongoEngineOptions(String collectionPrefix, int pageSize, boolean streamHeads) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{0,64}");

    public MongoEngineOptions {
        Objects.requireNonNull(collectionPrefix, "collectionPrefix");
        if (!validPrefix(collectionPrefix)) {
            throw new IllegalArgumentException("collectionPrefix may hold up to 64 letters, digits, '_', '.' or '-' "
                    + "and must not start with 'system.': " + collectionPrefix);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be 1 or more: " + pageSize);
        }
    }

    /** No prefix (the C# collection names), the default page size, stream heads computed (no Streams collection). */
    public static MongoEngineOptions defaults() {
        return new MongoEngineOptions("", EngineOptions.DEFAULT_PAGE_SIZE, false);
    }

    public MongoEngineOptions withCollectionPrefix(String collectionPrefix) {
        return new MongoEngineOptions(collectionPrefix, pageSize, streamHeads);
    }

    public MongoEngineOptions withPageSize(int pageSize) {
        return new MongoEngineOptions(collectionPrefix, pageSize, streamHeads);
    }

    public MongoEngineOptions withStreamHeads(boolean streamHeads) {
        return new MongoEngineOptions(collectionPrefix, pageSize, streamHeads);
    }

    EngineOptions engineOptions() {
        return new EngineOptions(pageSize);
    }

    static boolean validPrefix(String prefix) {
        return PREFIX.matcher(prefix).matches() && !prefix.toLowerCase(Locale.ROOT).startsWith("system.");
    }
}
