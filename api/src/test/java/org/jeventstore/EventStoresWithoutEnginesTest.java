package org.jeventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The api module's own tests have no engine on the class path. */
class EventStoresWithoutEnginesTest {

    @Test
    void unknownSchemeNamesTheUriTheEnginesAvailableAndWhatToAdd() {
        EngineNotFoundException e = assertThrows(EngineNotFoundException.class, () -> EventStores.open("nosuch://x"));
        assertEquals("No engine for nosuch://x; available: []. Add the jar of an engine that supports the 'nosuch' "
                + "scheme to the class path.", e.getMessage());
    }

    @Test
    void missingEngineNamesItsArtifactAndMasksTheSecret() {
        EngineNotFoundException e = assertThrows(EngineNotFoundException.class,
                () -> EventStores.open("mongodb://user:s3cret@host/db"));
        assertTrue(e.getMessage().contains("org.jeventstore:jeventstore-engine-mongo"), e.getMessage());
        assertTrue(e.getMessage().contains("mongodb://user:****@host/db"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void malformedUriIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> EventStores.open("no scheme here"));
        assertThrows(NullPointerException.class, () -> EventStores.open(null));
    }

    @Test
    void nothingIsSupportedWithoutEngines() {
        assertFalse(EventStores.supports("memory:"));
        assertTrue(EventStores.available().isEmpty());
    }

    @Test
    void builderWithoutEngineFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EventStore.builder().build());
        assertTrue(e.getMessage().contains("engine"), e.getMessage());
    }
}
