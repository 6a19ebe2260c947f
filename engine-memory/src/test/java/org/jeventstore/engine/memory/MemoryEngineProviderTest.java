package org.jeventstore.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.jeventstore.EngineNotFoundException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStores;
import org.jeventstore.EventStream;
import org.jeventstore.EventType;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.junit.jupiter.api.Test;

class MemoryEngineProviderTest {

    @EventType("test.noted")
    public record Noted(List<String> lines) {
    }

    private static String uniqueName() {
        return "memory:test-" + UUID.randomUUID();
    }

    private static long commits(PersistenceEngine engine) {
        try (var feed = engine.readFeed(FeedRange.after(0))) {
            return feed.count();
        }
    }

    private static void commitOne(EventStore store, String streamId) {
        try (EventStream stream = store.openStream(streamId)) {
            stream.add(EventMessage.of(new Noted(List.of("x"))));
            stream.commitChanges(UUID.randomUUID());
        }
    }

    @Test
    void aDropThatFailsStillClosesTheEngine() {
        String uri = uniqueName();
        PersistenceEngine dropping = EventStores.openEngine(uri, EngineOptions.defaults());
        PersistenceEngine other = EventStores.openEngine(uri, EngineOptions.defaults());
        dropping.drop();

        assertThrows(IllegalStateException.class, other::drop, "its storage is gone");

        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> other.positions().get("p"));
        assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
    }

    @Test
    void memoryIsFoundByServiceLoader() {
        assertEquals(List.of("memory"), EventStores.available());
        assertTrue(EventStores.supports("memory:"));
        assertTrue(EventStores.supports("MEMORY:shop"));
        assertFalse(EventStores.supports("mongodb://localhost/db"));
    }

    @Test
    void eachPlainMemoryUriIsAFreshStore() {
        try (EventStore first = EventStores.open("memory:"); EventStore second = EventStores.open("memory:")) {
            commitOne(first, "s");
            try (EventStream stream = second.openStream("s")) {
                assertEquals(0, stream.streamRevision());
            }
        }
    }

    @Test
    void aNamedStoreIsSharedAndOutlivesItsEngines() {
        String uri = uniqueName();
        try (EventStore writer = EventStores.open(uri)) {
            commitOne(writer, "s");
        }
        try (PersistenceEngine reader = EventStores.openEngine(uri, EngineOptions.defaults())) {
            assertEquals(1, commits(reader));
        }
    }

    @Test
    void droppingANamedStoreRemovesItForEveryone() {
        String uri = uniqueName();
        PersistenceEngine other = EventStores.openEngine(uri, EngineOptions.defaults());
        try (EventStore store = EventStores.open(uri)) {
            commitOne(store, "s");
            store.advanced().drop();
        }
        assertThrows(IllegalStateException.class, () -> commits(other));
        try (PersistenceEngine reopened = EventStores.openEngine(uri, EngineOptions.defaults())) {
            assertEquals(0, commits(reopened));
        }
    }

    @Test
    void malformedNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EventStores.open("memory:two words"));
        assertThrows(IllegalArgumentException.class, () -> EventStores.open("memory://host/x"));
    }

    @Test
    void aMissingEngineIsReportedWithTheEnginesAvailableAndTheArtifactToAdd() {
        EngineNotFoundException e = assertThrows(EngineNotFoundException.class,
                () -> EventStores.open("mongodb://user:s3cret@host/db"));
        assertEquals("No engine for mongodb://user:****@host/db; available: [memory]. "
                + "Add org.jeventstore:jeventstore-engine-mongo to the class path.", e.getMessage());
        EngineNotFoundException unknown = assertThrows(EngineNotFoundException.class,
                () -> EventStores.open("nosuch://x"));
        assertTrue(unknown.getMessage().contains("available: [memory]"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("'nosuch'"), unknown.getMessage());
    }

    @Test
    void changingAnEventAfterItsCommitDoesNotChangeHistory() {
        try (EventStore store = EventStore.builder().engine("memory:").types(Noted.class).build()) {
            List<String> lines = new java.util.ArrayList<>(List.of("original"));
            try (EventStream stream = store.createStream("s")) {
                stream.add(EventMessage.of(new Noted(lines)));
                stream.commitChanges(UUID.randomUUID());
            }
            lines.set(0, "changed");
            try (EventStream stream = store.openStream("s")) {
                assertEquals(new Noted(List.of("original")), stream.committedEvents().get(0).body());
            }
        }
    }
}
