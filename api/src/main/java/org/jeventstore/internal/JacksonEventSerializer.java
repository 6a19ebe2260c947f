package org.jeventstore.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.jeventstore.EventSerializer;
import org.jeventstore.SerializationException;
import org.jeventstore.spi.Payload;

/** The default serializer: JSON through Jackson. */
public final class JacksonEventSerializer implements EventSerializer {

    private final ObjectMapper mapper;

    public JacksonEventSerializer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Tolerates fields added to an event type later, so old readers survive newer writers. */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    public String contentType() {
        return Payload.JSON;
    }

    @Override
    public byte[] serialize(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException("Cannot serialize " + value.getClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T deserialize(byte[] data, Class<T> type) {
        try {
            return mapper.readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("Cannot read stored bytes as " + type.getName() + ": "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    @Override
    public String toString() {
        return "JacksonEventSerializer";
    }
}
