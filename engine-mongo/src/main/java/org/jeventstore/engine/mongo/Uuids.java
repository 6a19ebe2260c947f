package org.jeventstore.engine.mongo;

import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.BsonInvalidOperationException;
import org.bson.BsonSerializationException;
import org.bson.UuidRepresentation;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Commit ids as BSON binaries. NEventStore's C# engine wrote GUIDs either in the C# legacy byte order (subtype 3,
 * the C# driver's old default) or in the standard form (subtype 4); the URI's {@code uuidRepresentation} chooses
 * what this engine writes, and reads accept both.
 */
final class Uuids {

    /** A UUID whose bytes differ in every representation, to tell them apart. */
    private static final UUID PROBE = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

    private Uuids() {
    }

    /**
     * The representation a client's codecs write UUIDs in (what {@code MongoClientSettings.Builder.uuidRepresentation}
     * chose), found by encoding one; standard when they have none (the driver's default, which refuses to encode a
     * UUID), as for a store URI without {@code uuidRepresentation}.
     */
    static UuidRepresentation of(CodecRegistry registry) {
        BsonDocument probe = new BsonDocument();
        try {
            Codec<UUID> codec = registry.get(UUID.class);
            BsonDocumentWriter writer = new BsonDocumentWriter(probe);
            writer.writeStartDocument();
            writer.writeName("u");
            codec.encode(writer, PROBE, EncoderContext.builder().build());
            writer.writeEndDocument();
        } catch (CodecConfigurationException | BsonSerializationException | BsonInvalidOperationException none) {
            return UuidRepresentation.STANDARD;
        }
        if (!probe.isBinary("u")) {
            return UuidRepresentation.STANDARD;
        }
        BsonBinary written = probe.getBinary("u");
        for (UuidRepresentation representation : UuidRepresentation.values()) {
            if (representation != UuidRepresentation.UNSPECIFIED && written.equals(new BsonBinary(PROBE, representation))) {
                return representation;
            }
        }
        return UuidRepresentation.STANDARD;
    }

    /** The binary of {@code uuid} in the chosen representation. */
    static BsonBinary write(UUID uuid, UuidRepresentation representation) {
        return new BsonBinary(uuid, representation);
    }

    /** Whether a binary holds a UUID, in the standard or a legacy form. */
    static boolean isUuid(BsonBinary binary) {
        return binary.getData().length == 16
                && (binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue()
                || binary.getType() == BsonBinarySubType.UUID_LEGACY.getValue());
    }

    /**
     * The UUID of a binary: subtype 4 is standard; subtype 3 is read in the configured legacy byte order, or in
     * the C# order when the engine writes standard UUIDs, since C# stores are what this engine reads legacy
     * UUIDs from.
     */
    static UUID read(BsonBinary binary, UuidRepresentation representation) {
        if (binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue()) {
            return binary.asUuid();
        }
        UuidRepresentation legacy = representation == UuidRepresentation.STANDARD
                || representation == UuidRepresentation.UNSPECIFIED
                ? UuidRepresentation.C_SHARP_LEGACY : representation;
        return binary.asUuid(legacy);
    }
}
