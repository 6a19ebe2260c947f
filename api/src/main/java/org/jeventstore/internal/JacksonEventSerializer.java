package org.jeventstore.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jeventstore.EventSerializer;
import org.jeventstore.SerializationException;
import org.jeventstore.spi.Payload;

/** The default serializer: JSON through Jackson. */
public final class JacksonEventSerializer implements EventSerializer {

    private final ObjectMapper mapper;
    /**
     * A reader per type: {@code mapper.readValue(bytes, type)} resolves the type and sets up a reading context on
     * every call, a tenth of reading a small event. The mapper is this serializer's own copy, never configured
     * after construction, so a reader made from it once reads as the mapper would.
     */
    private final ConcurrentMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    /**
     * Each thread's output (see {@link ReusableJsonOutput}), while it has one: one per thread for every serializer,
     * so about 9 KB a thread (the generator's buffer and a result buffer, beside Jackson's own buffers per thread)
     * however many stores there are. A thread that writes for another serializer's mapper replaces it.
     */
    private static final ThreadLocal<ReusableJsonOutput> OUTPUTS = new ThreadLocal<>();
    /** False for a mapper whose values cannot be written one after another by one generator. */
    private final boolean reusable;
    /** False for a mapper whose values cannot be read one after another by one parser. */
    private final boolean readsRuns;

    public JacksonEventSerializer(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reusable = ReusableJsonOutput.supports(mapper);
        this.readsRuns = JsonRunReader.supports(mapper);
    }

    /** Tolerates fields added to an event type later, so old readers survive newer writers. */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** A mapper with Jackson's defaults. */
    public static ObjectMapper plainMapper() {
        return JsonMapper.builder().build();
    }

    /**
     * A copy of {@code mapper} that names properties as C# does (PascalCase) and fails on a body that does not match
     * its type: the C# class and the Java one must agree on every property, or values would be lost unseen.
     */
    public static ObjectMapper csharpMapper(ObjectMapper mapper) {
        return mapper.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    @Override
    public String contentType() {
        return Payload.JSON;
    }

    @Override
    public byte[] serialize(Object value) {
        try {
            ReusableJsonOutput output = reusable ? OUTPUTS.get() : null;
            if (reusable && (output == null || !output.writesFor(mapper))) {
                output = ReusableJsonOutput.of(mapper);
                OUTPUTS.set(output);
            }
            if (output == null || output.busy()) {
                return mapper.writeValueAsBytes(value);
            }
            boolean keep = false;
            try {
                byte[] bytes = output.write(value);
                keep = output.reusable() && bytes.length <= ReusableJsonOutput.LARGEST_KEPT;
                return bytes;
            } finally {
                if (!keep) {
                    // Thrown half way (an exception or an error), closed, or large: the next value gets a new one.
                    OUTPUTS.remove();
                }
            }
        } catch (JsonProcessingException e) {
            throw new SerializationException("Cannot serialize " + value.getClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SerializationException("Cannot serialize " + value.getClass().getName() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public <T> T deserialize(byte[] data, Class<T> type) {
        try {
            return reader(type).readValue(data);
        } catch (IOException e) {
            throw new SerializationException("Cannot read stored bytes as " + type.getName() + ": "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** Whether {@link #deserializeRun} reads values in runs for this serializer's mapper. */
    boolean readsRuns() {
        return readsRuns;
    }

    /**
     * Reads {@code data[i]} as {@code types[i]} into {@code values[i]}, from {@code from}, with one parser (see {@link
     * JsonRunReader}), exactly as {@link #deserialize} reads each, up to the first value it cannot read so; returns the
     * index of that value, or {@code to}. The caller deserializes the value there alone, which then fails as it
     * would have, or succeeds; unless reading it threw an error, left there as a {@link JsonRunReader.Thrown}.
     */
    int deserializeRun(byte[][] data, Class<?>[] types, Object[] values, int from, int to) {
        return JsonRunReader.read(this::reader, data, types, values, from, to);
    }

    private ObjectReader reader(Class<?> type) {
        ObjectReader reader = readers.get(type);
        return reader != null ? reader : readers.computeIfAbsent(type, mapper::readerFor);
    }

    @Override
    public String toString() {
        return "JacksonEventSerializer";
    }
}
