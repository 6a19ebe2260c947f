package org.jeventstore.engine.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoNamespace;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.Objects;
import org.bson.BsonDocument;
import org.bson.UuidRepresentation;
import org.jeventstore.spi.PersistenceEngine;

/**
 * Engines over the application's own MongoDB client, for what a URI cannot say: custom TLS contexts, credential
 * providers, command and connection listeners, one client shared with the rest of the application. Hand the engine
 * to {@code EventStore.builder().engine(engine)}.
 *
 * <pre>{@code
 * MongoClient client = MongoClients.create(settings);         // the application's, closed by the application
 * EventStore store = EventStore.builder().engine(MongoEngines.open(client, "shop")).build();
 * }</pre>
 *
 * Whatever the client says, every write is w=majority (a client whose write concern has another {@code w} is
 * refused, as a URI is) and every read the engine relies on goes to the primary. Commit ids are written in the
 * client's {@code uuidRepresentation} (standard if it has none), which must be the one the store already uses.
 */
public final class MongoEngines {

    private MongoEngines() {
    }

    /** {@link #open(MongoClient, String, MongoEngineOptions)} with the default options. */
    public static PersistenceEngine open(MongoClient client, String database) {
        return open(client, database, MongoEngineOptions.defaults());
    }

    /**
     * An engine over {@code client}: creates missing indexes and reads the highest checkpoint. Closing the engine
     * (or the store it was given to) leaves the client open: the engine never closes a client it did not create.
     *
     * @throws IllegalArgumentException if the database name is invalid, the client's write concern is below
     *                                  majority, or its {@code uuidRepresentation} is not the store's
     * @throws org.jeventstore.StorageUnavailableException if the server cannot be reached
     */
    public static PersistenceEngine open(MongoClient client, String database, MongoEngineOptions options) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        return MongoEngine.open(client, false, target(client.getWriteConcern(),
                Uuids.of(client.getCodecRegistry()), database, options), options.engineOptions());
    }

    /**
     * An engine with a client of its own, built from {@code settings}; closing the engine closes that client.
     *
     * @throws IllegalArgumentException as {@link #open(MongoClient, String, MongoEngineOptions)}
     */
    public static PersistenceEngine open(MongoClientSettings settings, String database, MongoEngineOptions options) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(options, "options");
        // the client applies the settings' uuidRepresentation to its codecs, if they give one
        UuidRepresentation uuids = settings.getUuidRepresentation() == UuidRepresentation.UNSPECIFIED
                ? Uuids.of(settings.getCodecRegistry()) : settings.getUuidRepresentation();
        MongoTarget target = target(settings.getWriteConcern(), uuids, database, options);
        MongoClient client = MongoClients.create(MongoClientSettings.builder(settings)
                .writeConcern(target.writeConcern()).build());
        return MongoEngine.open(client, true, target, options.engineOptions());
    }

    private static MongoTarget target(WriteConcern writeConcern, UuidRepresentation uuids,
                                      String database, MongoEngineOptions options) {
        String description = describe(database, options);
        MongoSettings.requireMajority(writeConcern, "client for " + description, "build the client without a write "
                + "concern (commits are written with w=majority) or with WriteConcern.MAJORITY");
        return new MongoTarget(database, options.collectionPrefix(), uuids, MongoSettings.writeConcern(writeConcern),
                options.streamHeads(), false, description);
    }

    /**
     * For a store a C# NEventStore 5.x dispatcher wrote (it marked each commit it delivered with
     * {@code Dispatched: true}): the highest checkpoint <i>c</i> such that every commit up to <i>c</i> is marked
     * dispatched, to start this library's dispatcher after it with {@code SubscriptionOptions.withStartAfter(c)}
     * rather than redeliver all history. Commits without the flag (written by C# 6 or later, or by this library)
     * count as not dispatched; deleted commits (the {@code :rb} bucket) and empty filler commits do not count.
     * 0 when the first commit is not dispatched or the store is empty. A one-off query meant for the import; it
     * scans the commits up to the first undispatched one.
     *
     * @throws org.jeventstore.StorageUnavailableException if the server cannot be reached
     */
    public static long dispatchedCheckpoint(MongoClient client, String database, MongoEngineOptions options) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        String description = describe(database, options);
        MongoCollection<BsonDocument> commits = client.getDatabase(database)
                .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry())
                .getCollection(options.collectionPrefix() + Fields.COMMITS, BsonDocument.class)
                .withReadPreference(ReadPreference.primary()).withReadConcern(ReadConcern.MAJORITY);
        return Failures.call("dispatchedCheckpoint", description, () -> {
            BsonDocument undispatched = commits.find(Filters.and(Filters.ne(Fields.DISPATCHED, true),
                            Filters.ne(Fields.BUCKET_ID, Fields.RECYCLE_BIN), MongoEngine.HAS_EVENTS))
                    .sort(Sorts.ascending(Fields.ID)).projection(Projections.include(Fields.ID)).limit(1).first();
            if (undispatched != null) {
                return undispatched.getNumber(Fields.ID).longValue() - 1;
            }
            BsonDocument highest = commits.find().sort(Sorts.descending(Fields.ID))
                    .projection(Projections.include(Fields.ID)).limit(1).first();
            return highest == null ? 0 : highest.getNumber(Fields.ID).longValue();
        });
    }

    /** The store for messages, once the database name is known to be valid. */
    private static String describe(String database, MongoEngineOptions options) {
        Objects.requireNonNull(database, "database");
        try {
            MongoNamespace.checkDatabaseNameValidity(database);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a valid MongoDB database name: " + database);
        }
        return "MongoDB database " + database
                + (options.collectionPrefix().isEmpty() ? "" : " (collection prefix " + options.collectionPrefix() + ")");
    }
}
