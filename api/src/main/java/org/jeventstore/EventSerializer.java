package org.jeventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jeventstore.internal.JacksonEventSerializer;

/**
 * Turns event bodies, headers and snapshot payloads into bytes and back. Stored type names are the store's
 * business ({@link EventType}, {@link EventStoreBuilder#type(String, Class)}), not the serializer's.
 */
public interface EventSerializer {

    /** The media type of the bytes this serializer writes, for example {@code application/json}. */
    String contentType();

    /**
     * Serializes a value.
     *
     * @throws SerializationException if the value cannot be serialized
     */
    byte[] serialize(Object value);

    /**
     * Reads a value of the given type.
     *
     * @throws SerializationException if the bytes do not hold such a value
     */
    <T> T deserialize(byte[] data, Class<T> type);

    /** JSON with a default Jackson {@link ObjectMapper}. */
    static EventSerializer json() {
        return new JacksonEventSerializer(JacksonEventSerializer.defaultMapper());
    }

    /** JSON with your own {@link ObjectMapper} (for modules such as Java time, naming strategies, …). */
    static EventSerializer json(ObjectMapper mapper) {
        return new JacksonEventSerializer(mapper.copy());
    }

    /**
     * JSON as NEventStore's C# engine stores bodies and snapshots through the C# driver's class maps, for a store
     * shared with a C# application: PascalCase property names (a record component {@code sku} is {@code "Sku"}),
     * and a {@link SerializationException} instead of nulls, zeros or silently dropped values when a stored body
     * does not match its type exactly — a property the type lacks, a property the body lacks, or null for a
     * primitive. Register each C# class under its discriminator as the stored type name
     * ({@code builder.type("ItemAdded", ItemAdded.class)}); the MongoDB engine stores that name as {@code _t}.
     */
    static EventSerializer csharpJson() {
        return csharpJson(JacksonEventSerializer.plainMapper());
    }

    /** {@link #csharpJson()} on a copy of your own {@link ObjectMapper} (for modules such as Java time). */
    static EventSerializer csharpJson(ObjectMapper mapper) {
        return new JacksonEventSerializer(JacksonEventSerializer.csharpMapper(mapper));
    }
}
