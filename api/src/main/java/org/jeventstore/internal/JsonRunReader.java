package org.jeventstore.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads a run of JSON values, each from its own bytes, with one parser: the bytes are joined with a line feed
 * between them and read value after value. A parser costs about a third of reading a small event (its buffers,
 * its symbol table, its reading context), so a stream's events read in runs cost that once per run.
 *
 * <p>Each value must come out exactly as {@code reader.readValue(bytes)} would read it alone, so a value is taken
 * only when its first token starts at the first byte of its own bytes, its last token starts inside them, and the
 * parser is back at the top level after it.
 * Whatever follows the value in its bytes, read alone, is ignored (the mapper does not fail on trailing tokens,
 * see {@link #supports}); in a run it is a token before the next value's first byte, so the run stops there. A
 * value cannot reach into the next one's bytes unseen: only a string token could run past the line feed, and
 * JSON forbids a raw line feed in a string. The reader stops at the first value it cannot take so, and the caller
 * reads that one alone, which then fails or succeeds as it would have: bytes with leading spaces, none, or a
 * value cut short.
 *
 * <p>Only for a mapper whose parser is plain JSON with the default features (see {@link #supports}): comments, raw
 * control characters and other leniencies could join two values' bytes into one value.
 */
final class JsonRunReader {

    /** The byte between two values' bytes: whitespace between values, not allowed raw in a string. */
    private static final byte SEPARATOR = '\n';
    /** The parser features of a mapper with Jackson's defaults. */
    private static final int DEFAULT_PARSER_FEATURES = parserFeatures(JsonMapper.builder().build());
    /**
     * What the parser's {@code getTokenCharacterOffset()} adds to a token's byte offset (1: its public {@code
     * currentTokenLocation()} subtracts it, and allocates a location), found once on sample bytes; {@link
     * #UNKNOWN_BIAS} if the sample's offsets do not agree on one.
     */
    private static final long UNKNOWN_BIAS = Long.MIN_VALUE;
    private static final long OFFSET_BIAS = offsetBias();

    private JsonRunReader() {
    }

    /** What reading a value threw, kept in its place to be thrown where that value is taken. */
    record Thrown(Throwable thrown) {
    }

    /**
     * Whether {@code mapper}'s values can be read in runs: JSON text, the parser's default features, and no
     * {@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}, which would take the next value for a trailing one.
     */
    static boolean supports(ObjectMapper mapper) {
        return OFFSET_BIAS != UNKNOWN_BIAS && "JSON".equals(mapper.getFactory().getFormatName())
                // An input decorator would make the parser's offsets those of the bytes it hands on.
                && mapper.getFactory().getInputDecorator() == null
                && !mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                && parserFeatures(mapper) == DEFAULT_PARSER_FEATURES;
    }

    private static long offsetBias() {
        // Tokens at bytes 0, 1, 4 and 6.
        byte[] sample = "{}\n 7\n\"a\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long[] offsets = {0, 1, 4, 6};
        try (JsonParser created = JsonMapper.builder().build().createParser(sample)) {
            if (!(created instanceof UTF8StreamJsonParser parser)) {
                return UNKNOWN_BIAS;
            }
            long bias = UNKNOWN_BIAS;
            for (long offset : offsets) {
                parser.nextToken();
                long found = parser.getTokenCharacterOffset() - offset;
                if (bias != UNKNOWN_BIAS && found != bias
                        || parser.currentTokenLocation().getByteOffset() != offset) {
                    return UNKNOWN_BIAS;
                }
                bias = found;
            }
            return parser.nextToken() == null ? bias : UNKNOWN_BIAS;
        } catch (IOException e) {
            return UNKNOWN_BIAS;
        }
    }

    /** The features of a parser {@code mapper} makes, -1 if it is not the UTF-8 JSON parser. */
    private static int parserFeatures(ObjectMapper mapper) {
        try (JsonParser parser = mapper.reader().createParser(new byte[] {SEPARATOR})) {
            return parser instanceof UTF8StreamJsonParser ? parser.getFeatureMask() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Reads {@code data[from..to)}, value {@code i} as {@code types[i]}, into {@code values[i]}, up to the first value
     * that cannot be taken as {@code readers.apply(type).readValue(data[i])} would read it alone (see above); returns
     * the index of that value, or {@code to}. An exception does not escape: the caller reads the value there alone.
     * Nor does an error, which is left in {@code values} at that value as a {@link Thrown}.
     */
    static int read(Function<Class<?>, ObjectReader> readers, byte[][] data, Class<?>[] types, Object[] values,
                    int from, int to) {
        int length = 0;
        for (int i = from; i < to; i++) {
            length += data[i].length + 1;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (int i = from; i < to; i++) {
            System.arraycopy(data[i], 0, joined, at, data[i].length);
            at += data[i].length;
            joined[at++] = SEPARATOR;
        }
        int i = from;
        try (JsonParser created = readers.apply(types[from]).createParser(joined)) {
            if (!(created instanceof UTF8StreamJsonParser parser)) {
                // Bytes that start as UTF-16 or UTF-32 get a parser counting characters, not bytes.
                return from;
            }
            int start = 0;
            for (; i < to; i++) {
                int end = start + data[i].length;
                // What followed the last value in its bytes, if anything, is a token before start: this one is read alone.
                if (parser.nextToken() == null || parser.getTokenCharacterOffset() - OFFSET_BIAS != start) {
                    return i;
                }
                Object value = readers.apply(types[i]).readValue(parser);
                // A deserializer that read less than its value (only the '[' of "[", say) leaves the parser inside
                // it, where the next value's bytes would not read as they do alone.
                if (parser.getTokenCharacterOffset() - OFFSET_BIAS >= end || !parser.getParsingContext().inRoot()) {
                    return i;
                }
                values[i] = value;
                start = end + 1;
            }
            return to;
        } catch (IOException | RuntimeException e) {
            return i;
        } catch (Error e) {
            // Not for reading alone again, which could throw another error: a class that failed to initialize
            // throws NoClassDefFoundError from then on.
            if (i < to) {
                values[i] = new Thrown(e);
            }
            return i;
        }
    }
}
