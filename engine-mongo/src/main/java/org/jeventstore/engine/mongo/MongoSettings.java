package org.jeventstore.engine.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoNamespace;
import com.mongodb.WriteConcern;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.bson.UuidRepresentation;
import org.jeventstore.spi.StoreUri;

/**
 * What a {@code mongodb://} or {@code mongodb+srv://} store URI says: the driver's connection string, the
 * database (from the path), and this engine's own options, which are taken out of the query before the rest goes
 * to the driver.
 *
 * @param connectionString the driver's connection string, secrets included: never put it in a message
 * @param database         the database holding the collections
 * @param collectionPrefix prepended to every collection name, so that several stores can share a database
 * @param uuids            how commit ids are written (the driver's {@code uuidRepresentation}, standard by default)
 * @param streamHeads      whether the C# {@code Streams} collection is maintained and read ({@code streamHeads=true})
 * @param description      the store URI with secrets masked, for messages
 */
record MongoSettings(ConnectionString connectionString, String database, String collectionPrefix,
                     UuidRepresentation uuids, boolean streamHeads, String description) {

    /** This engine's query parameter naming the collection prefix. */
    static final String COLLECTION_PREFIX = "collectionPrefix";
    /** This engine's query parameter that maintains the C# stream heads. */
    static final String STREAM_HEADS = "streamHeads";

    private static final String MAJORITY = "majority";

    /** Masked: the record's default toString would print the connection string and its secrets. */
    @Override
    public String toString() {
        return "MongoSettings[" + description + "]";
    }

    /**
     * Parses a store URI.
     *
     * @throws IllegalArgumentException if it is malformed; the message masks secrets and never repeats the
     *                                  driver's message, which may quote the input
     */
    static MongoSettings parse(StoreUri uri) {
        String value = uri.value();
        int query = value.indexOf('?');
        String base = query < 0 ? value : value.substring(0, query);
        StringJoiner driverQuery = new StringJoiner("&");
        String prefix = "";
        boolean streamHeads = false;
        if (query >= 0) {
            for (String parameter : value.substring(query + 1).split("[&;]")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                if (name.equalsIgnoreCase(COLLECTION_PREFIX)) {
                    prefix = equals < 0 ? "" : decode(parameter.substring(equals + 1), uri);
                } else if (name.equalsIgnoreCase(STREAM_HEADS)) {
                    String flag = equals < 0 ? "" : decode(parameter.substring(equals + 1), uri);
                    if (!flag.equals("true") && !flag.equals("false")) {
                        throw malformed(uri, STREAM_HEADS + " must be true or false");
                    }
                    streamHeads = flag.equals("true");
                } else {
                    driverQuery.add(parameter);
                }
            }
        }
        if (!MongoEngineOptions.validPrefix(prefix)) {
            throw malformed(uri, COLLECTION_PREFIX + " may hold up to 64 letters, digits, '_', '.' or '-' and must "
                    + "not start with 'system.'");
        }
        String rest = driverQuery.length() == 0 ? base : base + "?" + driverQuery;
        ConnectionString connectionString;
        try {
            connectionString = new ConnectionString(rest);
        } catch (RuntimeException e) {
            throw malformed(uri, "not a valid MongoDB connection string (" + e.getClass().getSimpleName() + ")");
        }
        String database = connectionString.getDatabase();
        if (database == null || database.isEmpty()) {
            throw malformed(uri, "the database is missing: give it as the path, e.g. mongodb://host/shop");
        }
        if (connectionString.getCollection() != null) {
            throw malformed(uri, "the path names a collection (database.collection): give only the database; "
                    + "use " + COLLECTION_PREFIX + " to name the collections");
        }
        try {
            MongoNamespace.checkDatabaseNameValidity(database);
        } catch (IllegalArgumentException e) {
            throw malformed(uri, "the database name is not valid for MongoDB");
        }
        requireMajority(connectionString.getWriteConcern(), "store URI " + uri, "remove w (commits are written "
                + "with w=majority) or set w=majority");
        UuidRepresentation uuids = connectionString.getUuidRepresentation();
        if (uuids == null || uuids == UuidRepresentation.UNSPECIFIED) {
            uuids = UuidRepresentation.STANDARD;
        }
        return new MongoSettings(connectionString, database, prefix, uuids, streamHeads, uri.toString());
    }

    /** Where and how the engine of this URI writes. */
    MongoTarget target() {
        return new MongoTarget(database, collectionPrefix, uuids, writeConcern(connectionString.getWriteConcern()),
                streamHeads, true, description);
    }

    /**
     * Refuses a write concern below majority: a commit acknowledged by fewer nodes can be rolled back by a failover
     * after readers passed its checkpoint and another writer took it again.
     *
     * @param where what gave it, for the message
     * @param fix   what to do instead, for the message
     */
    static void requireMajority(WriteConcern given, String where, String fix) {
        if (given != null && given.getWObject() != null && !MAJORITY.equals(given.getWObject())) {
            throw new IllegalArgumentException("Unsafe MongoDB " + where + ": w=" + given.getWObject()
                    + " acknowledges a commit that a failover can roll back after readers passed its checkpoint and "
                    + "another writer took it again; " + fix);
        }
    }

    /**
     * The write concern of every write: w=majority ({@link #requireMajority} refuses any other w), journaled unless
     * the given one says {@code journal=false}, with its {@code wtimeoutMS} if it has one.
     */
    static WriteConcern writeConcern(WriteConcern given) {
        boolean journal = given == null || given.getJournal() == null || given.getJournal();
        WriteConcern majority = WriteConcern.MAJORITY.withJournal(journal);
        Integer timeout = given == null ? null : given.getWTimeout(TimeUnit.MILLISECONDS);
        return timeout == null ? majority : majority.withWTimeout(timeout, TimeUnit.MILLISECONDS);
    }

    private static String decode(String text, StoreUri uri) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(uri, "a query parameter is not URL-encoded correctly");
        }
    }

    private static IllegalArgumentException malformed(StoreUri uri, String reason) {
        return new IllegalArgumentException("Malformed MongoDB store URI " + uri + ": " + reason);
    }
}
