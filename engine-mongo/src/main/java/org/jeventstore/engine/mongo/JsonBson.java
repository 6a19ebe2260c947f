package org.jeventstore.engine.mongo;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;

/**
 * Converts JSON text to BSON documents and back, so that JSON headers and bodies are stored as native documents
 * (queryable, and readable by NEventStore's C# engine) while the SPI's byte-for-byte round trip still holds.
 *
 * <p>{@link #toDocument} accepts a JSON object only if writing the document back with {@link #toJson} gives the
 * very same bytes; otherwise the caller stores the original bytes. The writer is compact and escapes like
 * Jackson (the store's default serializer), so what the store writes converts in the common case. Keys with
 * {@code .}, a leading {@code $} or a NUL are refused because servers before MongoDB 5.0 reject them.
 */
final class JsonBson {

    /** Deeper JSON is kept as bytes: MongoDB refuses documents nested more than 100 levels. */
    private static final int MAX_DEPTH = 90;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonBson() {
    }

    /** The document of a JSON object that converts back to exactly {@code json}, if there is one. */
    static Optional<BsonDocument> toDocument(byte[] json) {
        return parseObject(json, false).map(BsonValue::asDocument)
                .filter(document -> Arrays.equals(json, toJson(document, null, UuidRepresentation.STANDARD)));
    }

    /**
     * The members of a JSON object as the C# driver's "array of arrays" dictionary stores them,
     * {@code [[key, value], ...]} in order, if that converts back to exactly {@code json}. A key is an array
     * element there, not a field name, so any key goes ({@code .}, a leading {@code $}, NUL); nested objects are
     * documents, with the rules of {@link #toDocument}. Duplicate keys are refused (a dictionary holds one).
     */
    static Optional<BsonArray> toPairs(byte[] json) {
        return parseObject(json, true).map(BsonValue::asArray)
                .filter(pairs -> Arrays.equals(json, pairsToJson(pairs, UuidRepresentation.STANDARD)));
    }

    /**
     * Compact JSON of a dictionary stored as pairs, {@code [[key, value], ...]}, as the C# driver's ArrayOfArrays
     * representation writes it.
     */
    static byte[] pairsToJson(BsonArray pairs, UuidRepresentation uuids) {
        StringBuilder out = new StringBuilder(64);
        out.append('{');
        boolean first = true;
        for (BsonValue pair : pairs) {
            String key = pair.asArray().get(0).asString().getValue();
            BsonValue value = pair.asArray().get(1);
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(key, out);
            out.append(':');
            write(value, uuids, out);
        }
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON object as a document, or as key-value pairs; empty if it is not one this converter takes. */
    private static Optional<BsonValue> parseObject(byte[] json, boolean asPairs) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
        if (text.isEmpty() || text.charAt(0) != '{') {
            return Optional.empty();
        }
        try {
            Parser parser = new Parser(text);
            BsonValue value = asPairs ? parser.pairs() : parser.value(0);
            return parser.pos == text.length() ? Optional.of(value) : Optional.empty();
        } catch (NotConvertible | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /**
     * Compact JSON of a document, leaving out the top-level key {@code skipKey} (the {@code _t} discriminator of a
     * body) if it is not null. BSON types that JSON lacks (only found in documents written by other programs, such
     * as NEventStore's C# engine) are written as the closest JSON value: dates as ISO-8601 strings, UUIDs as
     * strings, other binaries as base64 strings, object ids and decimals as their text.
     */
    static byte[] toJson(BsonDocument document, String skipKey, UuidRepresentation uuids) {
        StringBuilder out = new StringBuilder(64);
        writeDocument(document, skipKey, uuids, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Compact JSON of any BSON value. */
    static byte[] toJson(BsonValue value, UuidRepresentation uuids) {
        StringBuilder out = new StringBuilder(64);
        write(value, uuids, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeDocument(BsonDocument document, String skipKey, UuidRepresentation uuids,
                                      StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
            if (entry.getKey().equals(skipKey)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(entry.getKey(), out);
            out.append(':');
            write(entry.getValue(), uuids, out);
        }
        out.append('}');
    }

    private static void write(BsonValue value, UuidRepresentation uuids, StringBuilder out) {
        switch (value.getBsonType()) {
            case DOCUMENT -> writeDocument(value.asDocument(), null, uuids, out);
            case ARRAY -> {
                out.append('[');
                BsonArray array = value.asArray();
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(array.get(i), uuids, out);
                }
                out.append(']');
            }
            case STRING -> writeString(value.asString().getValue(), out);
            case INT32 -> out.append(value.asInt32().getValue());
            case INT64 -> out.append(value.asInt64().getValue());
            case DOUBLE -> {
                double d = value.asDouble().getValue();
                if (Double.isFinite(d)) {
                    out.append(d);
                } else {
                    writeString(Double.toString(d), out);
                }
            }
            case DECIMAL128 -> out.append(value.asDecimal128().getValue().bigDecimalValue().toString());
            case BOOLEAN -> out.append(value.asBoolean().getValue());
            case NULL, UNDEFINED -> out.append("null");
            case DATE_TIME -> writeString(Instant.ofEpochMilli(value.asDateTime().getValue()).toString(), out);
            case TIMESTAMP -> out.append(value.asTimestamp().getValue());
            case OBJECT_ID -> writeString(value.asObjectId().getValue().toHexString(), out);
            case BINARY -> writeString(binaryText(value.asBinary(), uuids), out);
            case SYMBOL -> writeString(value.asSymbol().getSymbol(), out);
            case JAVASCRIPT -> writeString(value.asJavaScript().getCode(), out);
            case REGULAR_EXPRESSION -> writeString(value.asRegularExpression().getPattern(), out);
            default -> writeString(value.toString(), out);
        }
    }

    private static String binaryText(BsonBinary binary, UuidRepresentation uuids) {
        return Uuids.isUuid(binary) ? Uuids.read(binary, uuids).toString()
                : Base64.getEncoder().encodeToString(binary.getData());
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** JSON that has no exact BSON twin. */
    private static final class NotConvertible extends Exception {
        private static final long serialVersionUID = 1L;

        NotConvertible() {
            super(null, null, false, false);
        }
    }

    /**
     * A strict parser without whitespace: whitespace could never survive the compact round trip, so text with
     * any is refused early rather than parsed and compared.
     */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        BsonValue value(int depth) throws NotConvertible {
            if (depth > MAX_DEPTH) {
                throw new NotConvertible();
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return new BsonString(string());
                case 't':
                    return literal("true", BsonBoolean.TRUE);
                case 'f':
                    return literal("false", BsonBoolean.FALSE);
                case 'n':
                    return literal("null", BsonNull.VALUE);
                default:
                    return number();
            }
        }

        private BsonDocument object(int depth) throws NotConvertible {
            BsonDocument document = new BsonDocument();
            pos++;
            if (text.charAt(pos) == '}') {
                pos++;
                return document;
            }
            while (true) {
                if (text.charAt(pos) != '"') {
                    throw new NotConvertible();
                }
                String key = string();
                if (key.indexOf('.') >= 0 || key.startsWith("$") || key.indexOf('\0') >= 0
                        || document.containsKey(key)) {
                    throw new NotConvertible();
                }
                expect(':');
                document.put(key, value(depth + 1));
                char next = text.charAt(pos++);
                if (next == '}') {
                    return document;
                }
                if (next != ',') {
                    throw new NotConvertible();
                }
            }
        }

        /** The top-level object as {@code [[key, value], ...]}: any key, none twice. */
        BsonArray pairs() throws NotConvertible {
            BsonArray pairs = new BsonArray();
            Set<String> keys = new HashSet<>();
            pos++;
            if (text.charAt(pos) == '}') {
                pos++;
                return pairs;
            }
            while (true) {
                if (text.charAt(pos) != '"') {
                    throw new NotConvertible();
                }
                String key = string();
                if (!keys.add(key)) {
                    throw new NotConvertible();
                }
                expect(':');
                pairs.add(new BsonArray(List.of(new BsonString(key), value(1))));
                char next = text.charAt(pos++);
                if (next == '}') {
                    return pairs;
                }
                if (next != ',') {
                    throw new NotConvertible();
                }
            }
        }

        private BsonArray array(int depth) throws NotConvertible {
            BsonArray array = new BsonArray();
            pos++;
            if (text.charAt(pos) == ']') {
                pos++;
                return array;
            }
            while (true) {
                array.add(value(depth + 1));
                char next = text.charAt(pos++);
                if (next == ']') {
                    return array;
                }
                if (next != ',') {
                    throw new NotConvertible();
                }
            }
        }

        private String string() throws NotConvertible {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw new NotConvertible();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escape = text.charAt(pos++);
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException e) {
                            throw new NotConvertible();
                        }
                        pos += 4;
                    }
                    default -> throw new NotConvertible();
                }
            }
            String value = out.toString();
            if (!wellFormed(value)) {
                // A lone surrogate cannot be encoded as UTF-8, so the stored string would differ.
                throw new NotConvertible();
            }
            return value;
        }

        private BsonValue number() throws NotConvertible {
            int start = pos;
            if (pos < text.length() && text.charAt(pos) == '-') {
                pos++;
            }
            int digits = skipDigits();
            boolean integral = true;
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                integral = false;
                if (skipDigits() == 0) {
                    throw new NotConvertible();
                }
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                integral = false;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (skipDigits() == 0) {
                    throw new NotConvertible();
                }
            }
            if (digits == 0) {
                throw new NotConvertible();
            }
            String number = text.substring(start, pos);
            try {
                if (integral) {
                    long value = Long.parseLong(number);
                    return value == (int) value ? new BsonInt32((int) value) : new BsonInt64(value);
                }
                double value = Double.parseDouble(number);
                if (Double.isInfinite(value)) {
                    throw new NotConvertible();
                }
                return new BsonDouble(value);
            } catch (NumberFormatException tooLarge) {
                throw new NotConvertible();
            }
        }

        private int skipDigits() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            return pos - start;
        }

        private BsonValue literal(String word, BsonValue value) throws NotConvertible {
            if (!text.startsWith(word, pos)) {
                throw new NotConvertible();
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) throws NotConvertible {
            if (text.charAt(pos++) != c) {
                throw new NotConvertible();
            }
        }

        private static boolean wellFormed(String value) {
            try {
                StandardCharsets.UTF_8.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(CharBuffer.wrap(value));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }
    }
}
