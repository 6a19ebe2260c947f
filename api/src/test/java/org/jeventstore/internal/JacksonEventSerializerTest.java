package org.jeventstore.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jeventstore.SerializationException;
import org.junit.jupiter.api.Test;

/** The serializer keeps a generator per thread: every value's bytes are still those of writeValueAsBytes. */
class JacksonEventSerializerTest {

    record ItemAdded(String sku, int qty, double price) {
    }

    record Nested(String name, List<ItemAdded> items, Map<String, Object> extra) {
    }

    /** Fails in the middle of its object, after a property was written. */
    record Failing(String before) {
        public String getAfter() {
            throw new IllegalStateException("no value");
        }
    }

    /** Serializes its payload through the same serializer, from inside its own serialization. */
    @JsonSerialize(using = Reentrant.Writer.class)
    record Reentrant(JacksonEventSerializer serializer, Object inner) {
        static final class Writer extends JsonSerializer<Reentrant> {
            @Override
            public void serialize(Reentrant value, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                generator.writeStartObject();
                generator.writeBinaryField("inner", value.serializer().serialize(value.inner()));
                generator.writeEndObject();
            }
        }
    }

    /** Throws an Error, not an exception, after its array was started: as an assertion or a failed class init. */
    @JsonSerialize(using = ErrorHalfWay.Writer.class)
    record ErrorHalfWay() {
        static final class Writer extends JsonSerializer<ErrorHalfWay> {
            @Override
            public void serialize(ErrorHalfWay value, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                generator.writeStartArray();
                generator.writeString("a");
                throw new AssertionError("half way");
            }
        }
    }

    /** Leaves its array open, which writeValueAsBytes closes as it closes the generator. */
    @JsonSerialize(using = LeftOpen.Writer.class)
    record LeftOpen() {
        static final class Writer extends JsonSerializer<LeftOpen> {
            @Override
            public void serialize(LeftOpen value, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                generator.writeStartArray();
                generator.writeString("x");
            }
        }
    }

    private static List<Object> values() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ünïcödé", "\"quoted\" \\ \n\t\u2028 😀");
        extra.put("n", null);
        extra.put("big", 1e300);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            values.add(new ItemAdded("sku-" + i, i, i / 7.0));
            values.add(new Nested("n" + i, List.of(new ItemAdded("a", 1, 0.1), new ItemAdded("b", 2, -0.0)), extra));
            values.add("a string " + i);
            values.add(i);
            values.add(List.of(1, "two", 3.0));
            values.add(Map.of());
        }
        return values;
    }

    private static void assertWritesAsWriteValueAsBytes(ObjectMapper mapper) throws Exception {
        JacksonEventSerializer serializer = new JacksonEventSerializer(mapper);
        for (int round = 0; round < 3; round++) {
            for (Object value : values()) {
                assertArrayEquals(mapper.writeValueAsBytes(value), serializer.serialize(value), value::toString);
            }
        }
    }

    @Test
    void valuesOneAfterAnotherAreWrittenAsWriteValueAsBytesWritesThem() throws Exception {
        assertWritesAsWriteValueAsBytes(JacksonEventSerializer.defaultMapper());
        assertWritesAsWriteValueAsBytes(JacksonEventSerializer.plainMapper());
        assertWritesAsWriteValueAsBytes(JacksonEventSerializer.csharpMapper(JacksonEventSerializer.defaultMapper()));
        assertWritesAsWriteValueAsBytes(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build());
        assertWritesAsWriteValueAsBytes(JsonMapper.builder().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .build());
    }

    @Test
    void aMapperOfAnotherFormatIsWrittenAsItWritesItself() throws Exception {
        JsonFactory other = new JsonFactory() {
            @Override
            public String getFormatName() {
                return "not JSON";
            }
        };
        assertWritesAsWriteValueAsBytes(new ObjectMapper(other));
    }

    @Test
    void aValueThatFailsHalfWayLeavesTheNextValuesWhole() throws Exception {
        ObjectMapper mapper = JacksonEventSerializer.defaultMapper();
        JacksonEventSerializer serializer = new JacksonEventSerializer(mapper);
        ItemAdded item = new ItemAdded("x", 1, 2.5);
        serializer.serialize(item);

        assertThrows(SerializationException.class, () -> serializer.serialize(new Failing("written")));

        assertArrayEquals(mapper.writeValueAsBytes(item), serializer.serialize(item));
        assertArrayEquals(mapper.writeValueAsBytes(List.of(item)), serializer.serialize(List.of(item)));
    }

    /** One output per thread, for whichever serializer wrote last: two stores' serializers take turns. */
    @Test
    void twoSerializersTakingTurnsOnOneThreadEachWriteTheirOwnBytes() throws Exception {
        ObjectMapper plain = JacksonEventSerializer.defaultMapper();
        ObjectMapper csharp = JacksonEventSerializer.csharpMapper(JacksonEventSerializer.defaultMapper());
        JacksonEventSerializer first = new JacksonEventSerializer(plain);
        JacksonEventSerializer second = new JacksonEventSerializer(csharp);
        for (int i = 0; i < 100; i++) {
            ItemAdded value = new ItemAdded("sku-" + i, i, i * 0.25);
            assertArrayEquals(plain.writeValueAsBytes(value), first.serialize(value));
            assertArrayEquals(csharp.writeValueAsBytes(value), second.serialize(value));
        }
    }

    @Test
    void anErrorHalfWayLeavesTheNextValuesWhole() throws Exception {
        ObjectMapper mapper = JacksonEventSerializer.defaultMapper();
        JacksonEventSerializer serializer = new JacksonEventSerializer(mapper);
        serializer.serialize(Map.of("k", 0));

        assertThrows(AssertionError.class, () -> serializer.serialize(new ErrorHalfWay()));

        assertArrayEquals(mapper.writeValueAsBytes(Map.of("k", 1)), serializer.serialize(Map.of("k", 1)));
    }

    @Test
    void aValueLeftOpenIsClosedAsWriteValueAsBytesClosesItAndTheNextIsWhole() throws Exception {
        ObjectMapper mapper = JacksonEventSerializer.defaultMapper();
        JacksonEventSerializer serializer = new JacksonEventSerializer(mapper);
        serializer.serialize(Map.of("k", 0));

        assertArrayEquals(mapper.writeValueAsBytes(new LeftOpen()), serializer.serialize(new LeftOpen()));

        assertArrayEquals(mapper.writeValueAsBytes(Map.of("k", 1)), serializer.serialize(Map.of("k", 1)));
    }

    @Test
    void aValueSerializedFromInsideAnotherGetsItsOwnGenerator() throws Exception {
        ObjectMapper mapper = JacksonEventSerializer.defaultMapper();
        JacksonEventSerializer serializer = new JacksonEventSerializer(mapper);
        ItemAdded inner = new ItemAdded("inner", 3, 1.5);
        serializer.serialize(inner);

        byte[] outer = serializer.serialize(new Reentrant(serializer, inner));

        assertEquals("{\"inner\":\"" + java.util.Base64.getEncoder().encodeToString(mapper.writeValueAsBytes(inner))
                + "\"}", new String(outer, java.nio.charset.StandardCharsets.UTF_8));
        assertArrayEquals(mapper.writeValueAsBytes(inner), serializer.serialize(inner));
    }

    @Test
    void aLargeValueAndTheSmallOnesAfterItAreWhole() throws Exception {
        ObjectMapper mapper = JacksonEventSerializer.defaultMapper();
        JacksonEventSerializer serializer = new JacksonEventSerializer(mapper);
        String large = "x".repeat(ReusableJsonOutput.LARGEST_KEPT * 3);
        ItemAdded small = new ItemAdded("s", 1, 1);

        assertArrayEquals(mapper.writeValueAsBytes(large), serializer.serialize(large));
        assertArrayEquals(mapper.writeValueAsBytes(small), serializer.serialize(small));
        assertArrayEquals(mapper.writeValueAsBytes(large), serializer.serialize(large));
    }

    @Test
    void threadsWritingAtOnceEachGetTheirValuesWhole() throws Exception {
        ObjectMapper mapper = JacksonEventSerializer.defaultMapper();
        JacksonEventSerializer serializer = new JacksonEventSerializer(mapper);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        ItemAdded value = new ItemAdded("t" + thread, i, i * 0.5);
                        assertArrayEquals(mapper.writeValueAsBytes(value), serializer.serialize(value));
                    }
                    return thread;
                });
            }
            for (Future<Integer> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
