package org.jeventstore.engine.mongo;

import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.UuidRepresentation;

/**
 * Commit ids as BSON binaries. NEventStore's C# engine wrote GUIDs either in the C# legacy byte order (subtype 3,
 * the C# driver's old default) or in the standard form (subtype 4); the URI's {@code uuidRepresentation} chooses
 * what this engine writes, and reads accept both.
 */
final class Uuids {

    private Uuids() {
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
