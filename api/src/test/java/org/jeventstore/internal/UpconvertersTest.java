package org.jeventstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class UpconvertersTest {

    record V1(String name) {
    }

    record V2(String first, String last) {
    }

    record V3(String fullName) {
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> f(Function<?, ?> function) {
        return (Function<Object, Object>) function;
    }

    @Test
    void convertersChainFromTheOldestToTheNewestVersion() {
        Upconverters upconverters = new Upconverters(Map.of(
                V1.class, f((V1 v1) -> new V2(v1.name(), "")),
                V2.class, f((V2 v2) -> new V3((v2.first() + " " + v2.last()).trim()))));
        assertEquals(new V3("ada"), upconverters.upconvert(new V1("ada")));
        assertEquals(new V3("ada lovelace"), upconverters.upconvert(new V2("ada", "lovelace")));
        assertEquals(new V3("x"), upconverters.upconvert(new V3("x")));
    }

    @Test
    void aCycleIsReportedInsteadOfLoopingForever() {
        Upconverters upconverters = new Upconverters(Map.of(
                V1.class, f((V1 v1) -> new V2(v1.name(), "")),
                V2.class, f((V2 v2) -> new V1(v2.first()))));
        assertThrows(IllegalStateException.class, () -> upconverters.upconvert(new V1("loop")));
    }
}
