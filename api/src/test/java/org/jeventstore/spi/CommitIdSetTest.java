package org.jeventstore.spi;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommitIdSetTest {

    /** A set that keeps its ids, or one over ids its owner keeps in a list, as the memory engine does. */
    enum Kind {
        KEEPING, OVER_OWNERS_IDS;

        Owner create() {
            return new Owner(this);
        }
    }

    /** The set, and for a set over its owner's ids the owner's list, which each id joins before the set. */
    static final class Owner {
        final List<UUID> list = new ArrayList<>();
        final CommitIdSet set;

        Owner(Kind kind) {
            set = kind == Kind.KEEPING ? new CommitIdSet() : CommitIdSet.over(list::get);
        }

        void add(UUID id) {
            list.add(id);
            set.add(id);
        }

        boolean contains(UUID id) {
            return set.contains(id);
        }

        boolean filterAdmits(UUID id) {
            return set.filterAdmits(id);
        }
    }

    private static UUID random(Random random) {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** Added without a lookup between, as a stream read from the engine adds them. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void holdsExactlyTheIdsAddedBeforeTheFirstLookup(Kind kind) {
        Owner ids = kind.create();
        Random random = new Random(14);
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = random(random);
            ids.add(id);
            added.add(id);
        }

        for (UUID id : added) {
            assertTrue(ids.contains(id), id::toString);
        }
        Set<UUID> held = new HashSet<>(added);
        for (int i = 0; i < 100_000; i++) {
            UUID other = random(random);
            assertEquals(held.contains(other), ids.contains(other), other::toString);
        }
    }

    /** Looked up, then added, as every commit does, across the growth of the filter and the index. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void holdsExactlyTheIdsAddedBetweenLookups(Kind kind) {
        Owner ids = kind.create();
        Random random = new Random(15);
        Set<UUID> held = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            UUID id = random(random);
            ids.add(id);
            held.add(id);
        }
        for (int i = 0; i < 20_000; i++) {
            UUID id = random(random);
            assertFalse(ids.contains(id), id::toString);
            ids.add(id);
            held.add(id);
            assertTrue(ids.contains(id), id::toString);
        }

        for (UUID id : held) {
            assertTrue(ids.contains(id), id::toString);
        }
        for (int i = 0; i < 100_000; i++) {
            UUID other = random(random);
            assertEquals(held.contains(other), ids.contains(other), other::toString);
        }
    }

    /**
     * Random ids that the filter cannot rule out (1 in 2 000 or so with 2 000 ids, just before it grows) are told
     * apart by the ids themselves, both while the last ones added are scanned and once they are indexed.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void idsThatTheFilterCannotRuleOutAreToldByTheIdsThemselves(Kind kind) {
        Owner ids = kind.create();
        Random random = new Random(16);
        Set<UUID> held = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            UUID id = random(random);
            assertFalse(ids.contains(id));
            ids.add(id);
            held.add(id);
        }
        int admitted = 0;
        for (int i = 0; i < 1_000_000; i++) {
            UUID other = random(random);
            if (ids.filterAdmits(other)) {
                admitted++;
                assertFalse(ids.contains(other), other::toString);
                if (admitted % 10 == 0) {
                    // A few added after the index was built, to be scanned by the next exact lookups.
                    ids.add(other);
                    held.add(other);
                }
            }
        }
        assertTrue(admitted > 100, "the exact lookup ran " + admitted + " times");
        for (UUID id : held) {
            assertTrue(ids.contains(id), id::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void idsDifferingInOneHalfOrInFewBitsAreTold(Kind kind) {
        Owner ids = kind.create();
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

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theNilIdIsHeldOnlyOnceAdded(Kind kind) {
        Owner ids = kind.create();
        UUID nil = new UUID(0, 0);
        assertFalse(ids.contains(nil));
        ids.add(UUID.randomUUID());
        assertFalse(ids.contains(nil));

        ids.add(nil);

        assertTrue(ids.contains(nil));
    }

    @Test
    void anIdAddedAgainIsHeldOnceAndTheOthersStayFindable() {
        CommitIdSet ids = new CommitIdSet();
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            ids.add(id);
            added.add(id);
            assertTrue(ids.contains(id));
            ids.add(id);
        }

        for (UUID id : added) {
            assertTrue(ids.contains(id));
        }
        assertFalse(ids.contains(UUID.randomUUID()));
        assertEquals("CommitIdSet[101 ids]", ids.toString(), "only the id added twice before the first lookup is kept twice");
    }

    @Test
    void lookupsBetweenAddsSeeEveryIdAddedBefore() {
        CommitIdSet ids = new CommitIdSet();
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
