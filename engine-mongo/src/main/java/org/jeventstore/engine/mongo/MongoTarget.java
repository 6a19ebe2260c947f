package org.jeventstore.engine.mongo;

import com.mongodb.WriteConcern;
import org.bson.UuidRepresentation;

/**
 * Where and how an engine writes, whether it came from a store URI or from the application's client.
 *
 * @param database         the database holding the collections
 * @param collectionPrefix prepended to every collection name
 * @param uuids            how commit ids are written
 * @param writeConcern     the write concern of every write: w=majority
 * @param streamHeads      whether the C# {@code Streams} collection is maintained and read
 * @param fromUri          whether the settings came from a store URI (messages then name the URI option)
 * @param description      the store with secrets masked, for messages
 */
record MongoTarget(String database, String collectionPrefix, UuidRepresentation uuids, WriteConcern writeConcern,
                   boolean streamHeads, boolean fromUri, String description) {

    /** How to choose {@code representation} where these settings came from, for a message. */
    String howToChoose(UuidRepresentation representation) {
        return fromUri
                ? "open it with uuidRepresentation=" + (representation == UuidRepresentation.STANDARD ? "standard"
                : "csharpLegacy") + " in the URI"
                : "build the client with MongoClientSettings.Builder.uuidRepresentation(UuidRepresentation."
                + representation.name() + ")";
    }
}
