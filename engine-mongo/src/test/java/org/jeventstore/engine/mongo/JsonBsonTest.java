package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.UuidRepresentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** JSON objects become documents only when they convert back to the very same bytes. */
class JsonBsonTest {

    private static Optional<BsonDocument> convert(String json) {
        return JsonBson.toDocument(json.getBytes(UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"sku\":\"sku-1\",\"quantity\":2}",
        "{\"big\":12345678901,\"neg\":-7,\"pi\":3.14,\"neg0\":-0.0,\"t\":true,\"f\":false,\"n\":null}",
        "{\"nested\":{\"list\":[1,[2,{}],[],\"x\"]}}",
        "{\"text\":\"Grüße, 東京, \uD83D\uDE80, quote \\\" backslash \\\\ tab \\t nl \\n ctl \\u0001 nul \\u0000\"}"
    })
    void compactJsonConvertsAndWritesBackExactly(String json) {
        BsonDocument document = convert(json).orElseThrow();

        assertArrayEquals(json.getBytes(UTF_8), JsonBson.toJson(document, null, UuidRepresentation.STANDARD));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": 1}",                       // whitespace
        " {}",
        "{\"a.b\":1}",                      // keys servers before 5.0 refuse
        "{\"$c\":1}",
        "{\"n\":{\"$f\":[1]}}",
        "{\"k\\u0000\":1}",                 // NUL in a key
        "{\"a\":1,\"a\":2}",                // duplicate key
        "{\"e\":1e5}",                      // exponent Java writes differently
        "{\"z\":-0}",
        "{\"d\":1.50}",
        "{\"huge\":123456789012345678901234567890}",
        "{\"s\":\"\\u00e9\"}",              // escaped non-ASCII, written raw
        "{\"s\":\"\\/\"}",
        "{\"lone\":\"\\ud800\"}",           // a lone surrogate cannot be UTF-8
        "[1,2]",                            // not an object
        "\"text\"",
        "{\"a\":1}x",
        "{\"a\":tru}",
        "{\"a\":"
    })
    void jsonWithoutAnExactTwinIsKeptAsBytes(String json) {
        assertTrue(convert(json).isEmpty(), json);
    }

    @Test
    void invalidUtf8IsKeptAsBytes() {
        assertTrue(JsonBson.toDocument(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}).isEmpty());
    }

    @Test
    void nestingBeyondMongoDbsLimitIsKeptAsBytes() {
        String deep = "{\"a\":".repeat(95) + "1" + "}".repeat(95);

        assertTrue(convert(deep).isEmpty());
    }

    @Test
    void integersBecomeInt32WhereTheyFitAndInt64Beyond() {
        BsonDocument document = convert("{\"small\":2147483647,\"large\":2147483648}").orElseThrow();

        assertEquals(new BsonInt32(Integer.MAX_VALUE), document.get("small"));
        assertEquals(new BsonInt64(2147483648L), document.get("large"));
    }
}
