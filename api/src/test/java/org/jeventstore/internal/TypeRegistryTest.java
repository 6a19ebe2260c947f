package org.jeventstore.internal;


import java.util.Optional;
import org.jeventstore.EventType;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeRegistryTest {

    @EventType("test.annotated")
    record Annotated(String value) {
    }

    record Plain(String value) {
    }

    @Test
    void registeredNamesMapBothWays() {
        TypeRegistry types = new TypeRegistry();
        types.register("test.plain", Plain.class);
        assertEquals("test.plain", types.nameOf(Plain.class));
        assertEquals(Optional.of(Plain.class), types.classOf("test.plain"));
    }

    @Test
    void annotatedClassesAreNamedByTheirAnnotationAndLearnedOnWrite() {
        TypeRegistry types = new TypeRegistry();
        assertEquals(Optional.empty(), types.classOf("test.annotated"));
        assertEquals("test.annotated", types.nameOf(Annotated.class));
        assertEquals(Optional.of(Annotated.class), types.classOf("test.annotated"));
    }

    @Test
    void aClassWithoutNameIsRefusedWithAdvice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TypeRegistry().nameOf(Plain.class));
        assertTrue(e.getMessage().contains("@EventType"), e.getMessage());
    }

    @Test
    void oneNameCannotMeanTwoClassesNorOneClassTwoNames() {
        TypeRegistry types = new TypeRegistry();
        types.register("a", Plain.class);
        types.register("a", Plain.class);
        assertThrows(IllegalArgumentException.class, () -> types.register("a", Annotated.class));
        assertThrows(IllegalArgumentException.class, () -> types.register("b", Plain.class));
        assertThrows(IllegalArgumentException.class, () -> types.register(" ", Annotated.class));
        assertThrows(IllegalArgumentException.class, () -> types.register(Plain.class));
    }
}
