package org.jeventstore.internal;

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

class UuidSetTest {

    @Test
    void holdsExactlyTheIdsAddedAcrossGrowth() {
        UuidSet ids = new UuidSet();
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
    void idsAddedBetweenLookupsAreHeldAcrossGrowth() {
        UuidSet ids = new UuidSet();
        Random random = new Random(15);
        Set<UUID> held = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            ids.add(id);
            held.add(id);
        }
        for (int i = 0; i < 5_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            assertFalse(ids.contains(id), id::toString);
            ids.add(id);
            ids.add(id);
            held.add(id);
            assertTrue(ids.contains(id), id::toString);
        }

        for (UUID id : held) {
            assertTrue(ids.contains(id), id::toString);
        }
        for (int i = 0; i < 5_000; i++) {
            UUID other = new UUID(random.nextLong(), random.nextLong());
            assertEquals(held.contains(other), ids.contains(other), other::toString);
        }
    }

    @Test
    void idsDifferingInOneHalfOrInFewBitsAreTold() {
        UuidSet ids = new UuidSet();
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
        UuidSet ids = new UuidSet();
        UUID nil = new UUID(0, 0);
        ids.add(UUID.randomUUID());
        assertFalse(ids.contains(nil));

        ids.add(nil);

        assertTrue(ids.contains(nil));
    }

    @Test
    void anIdAddedTwiceIsHeldOnceAndTheOthersStayFindable() {
        UuidSet ids = new UuidSet();
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            ids.add(id);
            added.add(id);
        }

        for (UUID id : added) {
            assertTrue(ids.contains(id));
        }
        assertFalse(ids.contains(UUID.randomUUID()));
    }

    @Test
    void lookupsBetweenAddsSeeEveryIdAddedBefore() {
        UuidSet ids = new UuidSet();
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            UUID id = UUID.randomUUID();
            assertFalse(ids.contains(id));
            ids.add(id);
            added.add(id);
            if (i % 7 == 0) {
                ids.add(added.get(i / 2));
            }
            assertTrue(ids.contains(added.get(i / 3)));
            assertTrue(ids.contains(id));
        }
        for (UUID id : added) {
            assertTrue(ids.contains(id));
        }
    }
}
