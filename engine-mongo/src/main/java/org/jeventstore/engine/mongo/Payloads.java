package org.jeventstore.engine.mongo;

import static org.jeventstore.engine.mongo.Fields.CONTENT_TYPE_SUFFIX;
import static org.jeventstore.engine.mongo.Fields.DISCRIMINATOR;
import static org.jeventstore.engine.mongo.Fields.TYPE_SUFFIX;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.jeventstore.spi.Payload;

/**
 * Payloads and JSON headers inside documents. A JSON object that round-trips exactly ({@link JsonBson}) is stored
 * as a document, a payload with its type name as the C# discriminator {@code _t}: that is how NEventStore's C#
 * engine stores bodies and snapshots. Anything else is stored as its bytes (BSON binary), a payload with its type
 * name and content type in the sibling fields {@code <field>Type} and {@code <field>ContentType}.
 */
final class Payloads {

    /** Suffix of the field beside commit headers that keeps their exact bytes when no BSON value does. */
    static final String BYTES_SUFFIX = "Bytes";

    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private Payloads() {
    }

    /** Puts {@code payload} into {@code target} under {@code field}. */
    static void put(BsonDocument target, String field, Payload payload) {
        Optional<BsonDocument> json = Payload.JSON.equals(payload.contentType())
                ? JsonBson.toDocument(payload.data()).filter(d -> !d.containsKey(DISCRIMINATOR))
                : Optional.empty();
        if (json.isPresent()) {
            BsonDocument body = new BsonDocument(DISCRIMINATOR, new BsonString(payload.type()));
            body.putAll(json.get());
            target.put(field, body);
        } else {
            target.put(field, new BsonBinary(payload.data()));
            target.put(field + TYPE_SUFFIX, new BsonString(payload.type()));
            target.put(field + CONTENT_TYPE_SUFFIX, new BsonString(payload.contentType()));
        }
    }

    /** The payload under {@code field} of {@code source}, as {@link #put} or the C# engine stored it. */
    static Payload get(BsonDocument source, String field, UuidRepresentation uuids) {
        BsonValue value = source.get(field);
        String storedType = stringOrNull(source.get(field + TYPE_SUFFIX));
        String contentType = stringOrNull(source.get(field + CONTENT_TYPE_SUFFIX));
        if (value != null && value.isBinary() && !Uuids.isUuid(value.asBinary())) {
            return new Payload(storedType != null ? storedType : "bson.binary",
                    contentType != null ? contentType : "application/octet-stream", value.asBinary().getData());
        }
        if (value != null && value.isDocument()) {
            BsonDocument document = value.asDocument();
            String type = discriminator(document.get(DISCRIMINATOR));
            return new Payload(type != null ? type : storedType != null ? storedType : "bson.document",
                    contentType != null ? contentType : Payload.JSON,
                    JsonBson.toJson(document, DISCRIMINATOR, uuids));
        }
        // A C# body that is not a class instance (a string, a number, ...): its JSON value, named by its BSON type.
        BsonValue plain = value == null ? org.bson.BsonNull.VALUE : value;
        return new Payload(storedType != null ? storedType : "bson." + plain.getBsonType().name().toLowerCase(
                java.util.Locale.ROOT), Payload.JSON, JsonBson.toJson(plain, uuids));
    }

    /**
     * Puts event headers (JSON object bytes) into {@code target}: as a document when exact (the C# EventMessage's
     * dictionary, Document representation), else as {@code [[key, value], ...]} pairs when exact (keys a document
     * cannot hold on servers before 5.0), else as bytes.
     */
    static void putJson(BsonDocument target, String field, byte[] json) {
        target.put(field, JsonBson.toDocument(json).<BsonValue>map(d -> d)
                .or(() -> JsonBson.toPairs(json)).orElseGet(() -> new BsonBinary(json)));
    }

    /**
     * Puts commit headers into {@code target} as the C# engine's {@code MongoCommit.Headers} is stored:
     * {@code [[key, value], ...]} (ArrayOfArrays), which takes any key. JSON that no pairs give back exactly is
     * stored as an empty dictionary, which C# reads as no headers, and its bytes beside it under
     * {@code <field>Bytes}, which C# ignores and this engine reads instead.
     */
    static void putCommitHeaders(BsonDocument target, String field, byte[] json) {
        Optional<BsonArray> pairs = JsonBson.toPairs(json);
        target.put(field, pairs.orElseGet(BsonArray::new));
        if (pairs.isEmpty()) {
            target.put(field + BYTES_SUFFIX, new BsonBinary(json));
        }
    }

    /**
     * The JSON object bytes under {@code field}: the exact bytes kept beside it under {@code <field>Bytes}, else a
     * document, bytes, or a C# dictionary stored as pairs ({@code [[key, value], ...]}); {@code {}} when absent.
     */
    static byte[] getJson(BsonDocument source, String field, UuidRepresentation uuids) {
        BsonValue exact = source.get(field + BYTES_SUFFIX);
        if (exact != null && exact.isBinary()) {
            return exact.asBinary().getData();
        }
        BsonValue value = source.get(field);
        if (value == null || value.isNull()) {
            return EMPTY_OBJECT.clone();
        }
        if (value.isBinary()) {
            return value.asBinary().getData();
        }
        if (value.isArray()) {
            return JsonBson.pairsToJson(value.asArray(), uuids);
        }
        return JsonBson.toJson(value.asDocument(), null, uuids);
    }

    /** The type name in a C# discriminator: a string, or an array naming the class hierarchy, most derived last. */
    private static String discriminator(BsonValue value) {
        if (value == null) {
            return null;
        }
        if (value.isArray() && !value.asArray().isEmpty()) {
            return stringOrNull(value.asArray().get(value.asArray().size() - 1));
        }
        return stringOrNull(value);
    }

    private static String stringOrNull(BsonValue value) {
        return value != null && value.isString() && !value.asString().getValue().isBlank()
                ? value.asString().getValue() : null;
    }
}
