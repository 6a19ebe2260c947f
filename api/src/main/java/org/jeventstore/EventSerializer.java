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
}
