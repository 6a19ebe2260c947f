package org.jeventstore.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommitIdsTest {

    @Test
    void holdsExactlyTheIdsAddedAcrossGrowth() {
        CommitIds ids = new CommitIds();
        Random random = new Random(14);
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            ids.add(id);
            added.add(id);
        }

        for (UUID id : added) {
            assertTrue(ids.contains(id), id::toString);
        }
        Set<UUID> held = new HashSet<>(added);
        for (int i = 0; i < 10_000; i++) {
            UUID other = new UUID(random.nextLong(), random.nextLong());
            assertEquals(held.contains(other), ids.contains(other), other::toString);
        }
    }

    @Test
    void idsDifferingInOneHalfOrInFewBitsAreTold() {
        CommitIds ids = new CommitIds();
        for (long i = 1; i <= 1_000; i++) {
            ids.add(new UUID(0, i));
            ids.add(new UUID(i, 0));
        }

        for (long i = 1; i <= 1_000; i++) {
            assertTrue(ids.contains(new UUID(0, i)));
            assertTrue(ids.contains(new UUID(i, 0)));
            assertFalse(ids.contains(new UUID(i, i)));
            assertFalse(ids.contains(new UUID(0, i + 1_000)));
        }
    }

    @Test
    void theNilIdIsHeldOnlyOnceAdded() {
        CommitIds ids = new CommitIds();
        UUID nil = new UUID(0, 0);
        ids.add(UUID.randomUUID());
        assertFalse(ids.contains(nil));

        ids.add(nil);

        assertTrue(ids.contains(nil));
    }
}
