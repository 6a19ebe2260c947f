package org.jeventstore.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jeventstore.EventSerializer;
import org.jeventstore.SerializationException;
import org.junit.jupiter.api.Test;

/** {@link EventSerializer#csharpJson()}: PascalCase names, and failures where the default mapper fills defaults. */
class CSharpJsonTest {

    record ItemAdded(String sku, int quantity) {
    }

    private final EventSerializer csharp = EventSerializer.csharpJson();

    private ItemAdded read(String json) {
        return csharp.deserialize(json.getBytes(UTF_8), ItemAdded.class);
    }

    @Test
    void propertiesArePascalCaseBothWays() {
        assertEquals("{\"Sku\":\"a\",\"Quantity\":2}", new String(csharp.serialize(new ItemAdded("a", 2)), UTF_8));
        assertEquals(new ItemAdded("a", 2), read("{\"Sku\":\"a\",\"Quantity\":2}"));
    }

    @Test
    void aBodyThatDoesNotMatchItsTypeIsRefused() {
        assertThrows(SerializationException.class, () -> read("{\"sku\":\"a\",\"quantity\":2}"), "camelCase");
        assertThrows(SerializationException.class, () -> read("{\"Sku\":\"a\",\"Quantity\":2,\"Extra\":1}"));
        assertThrows(SerializationException.class, () -> read("{\"Sku\":\"a\"}"), "missing");
        assertThrows(SerializationException.class, () -> read("{\"Sku\":\"a\",\"Quantity\":null}"), "null int");
    }

    @Test
    void theDefaultSerializerFillsDefaultsWhereTheCSharpOneRefuses() {
        assertEquals(new ItemAdded(null, 0), EventSerializer.json().deserialize(
                "{\"Sku\":\"a\",\"Quantity\":2}".getBytes(UTF_8), ItemAdded.class));
    }
}
