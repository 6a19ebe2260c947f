package org.jeventstore.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;

/** Bounded polling and a one-event commit, for the tests. */
final class Polling {

    private Polling() {
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    static long commit(EventStore store, String streamId, Object event) {
        try (EventStream stream = store.openStream(streamId)) {
            stream.add(EventMessage.of(event));
            return stream.commitChanges(UUID.randomUUID()).checkpoint();
        }
    }
}
