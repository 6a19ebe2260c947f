package org.jeventstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Values read one after another by one parser are the values each one's bytes give alone, or are not taken. */
class JsonRunReaderTest {

    record ItemAdded(String sku, int qty, double price) {
    }

    /** A scalar read as custom deserializers often read one: handed an array or object, it takes null and reads on. */
    @JsonDeserialize(using = Sku.Reader.class)
    record Sku(String code) {
        static final class Reader extends JsonDeserializer<Sku> {
            @Override
            public Sku deserialize(JsonParser p, DeserializationContext context) throws IOException {
                return new Sku(p.getValueAsString());
            }
        }
    }

    /** Where its value starts, as a deserializer keeping source positions for its messages has it. */
    @JsonDeserialize(using = Located.Reader.class)
    record Located(long byteOffset, int line, int column) {
        static final class Reader extends JsonDeserializer<Located> {
            @Override
            public Located deserialize(JsonParser p, DeserializationContext context) throws IOException {
                JsonLocation at = p.currentTokenLocation();
                p.skipChildren();
                return new Located(at.getByteOffset(), at.getLineNr(), at.getColumnNr());
            }
        }
    }

    private static final ObjectMapper MAPPER = JacksonEventSerializer.defaultMapper();
    private static final Function<Class<?>, ObjectReader> READERS = MAPPER::readerFor;

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Object alone(byte[] data, Class<?> type) throws IOException {
        return MAPPER.readerFor(type).readValue(data);
    }

    @Test
    void valuesOfManyShapesReadInARunAreThoseReadAlone() throws IOException {
        List<byte[]> data = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        Object[][] samples = {
                {"{\"sku\":\"a\",\"qty\":1,\"price\":9.99}", ItemAdded.class},
                {"\"text with spaces, a \\n and \\\"quotes\\\"\"", String.class},
                {"42", Integer.class},
                {"-1.5e3", Double.class},
                {"null", ItemAdded.class},
                {"true", Boolean.class},
                {"[1,[2,{\"x\":null}],\"s\"]", Object.class},
                {"{\"nested\":{\"deeper\":[true,false]},\"n\":7}", Map.class},
                {"{}", Map.class},
                {"\"é ü 漢字 😀\"", String.class},
                {"{\"sku\":\"b\",\"qty\":2,\"price\":1,\"unknown\":[1,2]}", ItemAdded.class},
                {"{\"qty\":3}", ItemAdded.class},
        };
        for (int round = 0; round < 3; round++) {
            for (Object[] sample : samples) {
                data.add(bytes((String) sample[0]));
                types.add((Class<?>) sample[1]);
            }
        }
        Object[] values = new Object[data.size()];

        int stop = JsonRunReader.read(READERS, data.toArray(byte[][]::new), types.toArray(Class<?>[]::new), values, 0,
                data.size());

        assertEquals(data.size(), stop);
        for (int i = 0; i < data.size(); i++) {
            assertEquals(alone(data.get(i), types.get(i)), values[i], "value " + i);
        }
    }

    /** Marks a value that no run took, in {@link #readInRuns}' answer. */
    private static final Object NOT_TAKEN = new Object();

    /** As CommitCodec.readBodies reads: a run, then from past the value where it stopped another run. */
    private static Object[] readInRuns(byte[][] data, Class<?>[] types) {
        Object[] values = new Object[data.length];
        Object[] taken = new Object[data.length];
        java.util.Arrays.fill(taken, NOT_TAKEN);
        for (int from = 0; from < data.length; ) {
            int stop = JsonRunReader.read(READERS, data, types, values, from, data.length);
            for (int i = from; i < stop; i++) {
                taken[i] = values[i];
            }
            from = stop + 1;
        }
        return taken;
    }

    /**
     * Odd bytes between good ones, some failing alone, some giving a value alone: every value the runs take is the
     * value its bytes give alone, and the runs go on past the odd ones. The bytes after the odd ones could complete
     * an unterminated string or object, if a run let them.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            " {\"sku\":\"lead\",\"qty\":1,\"price\":1}",
            "{\"sku\":\"trail\",\"qty\":1,\"price\":1} 7",
            "{\"sku\":\"two\",\"qty\":1,\"price\":1}{\"sku\":\"x\",\"qty\":1,\"price\":1}",
            "{\"sku\":\"garbage\",\"qty\":1,\"price\":1}}]x",
            "",
            "   ",
            "{\"sku\":\"open\",\"qty\":1",
            "{\"sku\":\"unterminated",
            "{\"sku\":\"half\",",
            "\"a string\"",
            "{\"sku\":\"bad\",\"qty\":\"not a number\",\"price\":1}",
            "}",
            "[1,2]",
            "42abc",
    })
    void everyValueTakenIsTheValueItsBytesGiveAlone(String odd) {
        byte[] good = bytes("{\"sku\":\"good\",\"qty\":1,\"price\":2.5}");
        byte[] rest = bytes("\",\"qty\":2,\"price\":3}");
        byte[] last = bytes("{\"sku\":\"last\",\"qty\":3,\"price\":4}");
        byte[][] data = {good, bytes(odd), rest, good, bytes(odd), bytes(odd), last};
        Class<?>[] types = new Class<?>[data.length];
        java.util.Arrays.fill(types, ItemAdded.class);

        Object[] taken = readInRuns(data, types);

        assertTakenAsAlone(data, types, taken);
        assertEquals(new ItemAdded("good", 1, 2.5), taken[0]);
        assertEquals(new ItemAdded("good", 1, 2.5), taken[3]);
        assertEquals(new ItemAdded("last", 3, 4), taken[6]);
    }

    /** Read alone, a value's trailing tokens are not looked at: in a run the value is taken, the run stops after. */
    @Test
    void aValueWithTrailingTokensIsTakenAndTheRunStopsAfterIt() throws IOException {
        byte[][] data = {bytes("1"), bytes("2 3"), bytes("4")};
        Class<?>[] types = {Integer.class, Integer.class, Integer.class};
        Object[] values = new Object[3];

        assertEquals(2, JsonRunReader.read(READERS, data, types, values, 0, 3));
        assertEquals(List.of(1, 2), List.of(values[0], values[1]));
        assertEquals(2, alone(data[1], Integer.class));
        assertEquals(3, JsonRunReader.read(READERS, data, types, values, 2, 3), "the last value has none");
        assertEquals(4, values[2]);
    }

    /**
     * Read alone, bytes that only open an array or object give the value their deserializer makes of the first
     * token, and nothing looks at the rest. In a run the parser is still inside that array or object: the next
     * value's bytes must not be read there, where {@code 7]} is 7, a lone closing brace ends the object (null) and
     * a bean's properties are read as the bean, though alone each of them fails.
     */
    @Test
    void aValueItsDeserializerLeavesOpenIsNotClosedByTheNextValuesBytes() throws IOException {
        byte[][] data = {bytes("["), bytes("7]"), bytes("{"), bytes("}"), bytes("{"),
                bytes("\"sku\":\"x\",\"qty\":1,\"price\":2}"), bytes("3")};
        Class<?>[] types = {Sku.class, Integer.class, Sku.class, Map.class, Sku.class, ItemAdded.class, Integer.class};

        Object[] taken = readInRuns(data, types);

        assertTakenAsAlone(data, types, taken);
        assertEquals(new Sku(null), alone(data[0], Sku.class));
        assertEquals(3, taken[6]);
    }

    /**
     * The one thing a run shows, documented as the limit of runs (docs/architecture.md): a deserializer that keeps
     * the parser's location sees where its value is in the run, not in its own bytes. (A store whose deserializers
     * need that gives the store a serializer of its own, which is called once per body.)
     */
    @Test
    void aDeserializerThatKeepsTheLocationSeesTheValuesPlaceInTheRun() throws IOException {
        byte[][] data = {bytes("{}"), bytes("[1]"), bytes("{\"a\":1}")};
        Class<?>[] types = {Located.class, Located.class, Located.class};

        Object[] taken = readInRuns(data, types);

        assertEquals(List.of(new Located(0, 1, 1), new Located(3, 2, 1), new Located(7, 3, 1)), List.of(taken));
        for (byte[] alone : data) {
            assertEquals(new Located(0, 1, 1), alone(alone, Located.class));
        }
    }

    /** Every value a run took is the value its bytes give alone; none whose bytes fail alone was taken. */
    private static void assertTakenAsAlone(byte[][] data, Class<?>[] types, Object[] taken) {
        for (int i = 0; i < data.length; i++) {
            Object alone;
            try {
                alone = alone(data[i], types[i]);
            } catch (IOException | RuntimeException e) {
                assertEquals(NOT_TAKEN, taken[i], "value " + i + " fails alone: " + e.getMessage());
                continue;
            }
            if (taken[i] != NOT_TAKEN) {
                assertEquals(alone, taken[i], "value " + i);
            }
        }
    }

    @Test
    void aValueCutShortIsNotCompletedByTheNextValuesBytes() {
        byte[][] data = {bytes("\"cut"), bytes("short\"")};
        Object[] values = new Object[2];

        assertEquals(0, JsonRunReader.read(READERS, data, new Class<?>[] {String.class, String.class}, values, 0, 2));
        assertNull(values[0]);
    }

    @Test
    void bytesInUtf16AreNotReadInARun() throws IOException {
        byte[] utf16 = "\"wide\"".getBytes(StandardCharsets.UTF_16BE);
        byte[][] data = {utf16, bytes("\"narrow\"")};
        Object[] values = new Object[2];

        assertEquals(0, JsonRunReader.read(READERS, data, new Class<?>[] {String.class, String.class}, values, 0, 2));
        assertEquals(2, JsonRunReader.read(READERS, data, new Class<?>[] {String.class, String.class}, values, 1, 2),
                "from the next value a run goes on");
        assertEquals("narrow", values[1]);
        assertEquals("wide", alone(utf16, String.class));
    }

    @Test
    void onlyPlainJsonParsersWithoutTrailingTokenChecksReadRuns() {
        assertTrue(JsonRunReader.supports(JacksonEventSerializer.defaultMapper()));
        assertTrue(JsonRunReader.supports(JacksonEventSerializer.plainMapper()));
        assertTrue(JsonRunReader.supports(JacksonEventSerializer.csharpMapper(JacksonEventSerializer.defaultMapper())));

        assertFalse(JsonRunReader.supports(JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build()),
                "a comment could run from one value's bytes into the next");
        assertFalse(JsonRunReader.supports(JsonMapper.builder().enable(JsonReadFeature.ALLOW_YAML_COMMENTS).build()));
        assertFalse(JsonRunReader.supports(
                JsonMapper.builder().enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build()),
                "a string could run past the line feed between two values");
        assertFalse(JsonRunReader.supports(JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build()));
        assertFalse(JsonRunReader.supports(
                JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build()),
                "the next value would be a trailing token");
        assertFalse(JsonRunReader.supports(JsonMapper.builder(JsonFactory.builder().inputDecorator(new InputDecorator() {
            @Override
            public InputStream decorate(IOContext context, InputStream in) {
                return in;
            }

            @Override
            public InputStream decorate(IOContext context, byte[] src, int offset, int length) {
                return new ByteArrayInputStream(src, offset, length);
            }

            @Override
            public Reader decorate(IOContext context, Reader r) {
                return r;
            }
        }).build()).build()), "the parser would count the decorated bytes");
    }
}
