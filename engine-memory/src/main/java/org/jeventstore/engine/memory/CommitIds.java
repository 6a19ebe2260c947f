package org.jeventstore.engine.memory;

import java.util.UUID;

/**
 * A stream's commit ids, for the duplicate check every commit makes. The ids are kept as their two halves in
 * one open-addressing array, not as a {@code HashSet<UUID>}: a lookup reads one slot of one array instead of
 * a table, a node and the id, and adding an id allocates nothing until the array grows. Guarded by the
 * stream's monitor (or, for a stream not yet visible, the write lock).
 */
final class CommitIds {

    /** The nil UUID marks an empty slot, so whether the nil UUID itself is held is kept apart. */
    private boolean nil;
    /** Pairs of (most, least) significant bits; the number of pairs is a power of two. */
    private long[] slots = new long[2 * 8];
    private int size;

    boolean contains(UUID id) {
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        if ((most | least) == 0) {
            return nil;
        }
        long[] table = slots;
        int mask = (table.length >>> 1) - 1;
        for (int i = index(most, least, mask); ; i = (i + 1) & mask) {
            long m = table[2 * i];
            long l = table[2 * i + 1];
            if (m == most && l == least) {
                return true;
            }
            if ((m | l) == 0) {
                return false;
            }
        }
    }

    /** Adds an id not held yet. */
    void add(UUID id) {
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        if ((most | least) == 0) {
            nil = true;
            return;
        }
        // At most half full, so a probe ends at an empty slot soon.
        if (2 * (size + 1) > slots.length >>> 1) {
            grow();
        }
        insert(slots, most, least);
        size++;
    }

    private void grow() {
        long[] old = slots;
        long[] table = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if ((old[i] | old[i + 1]) != 0) {
                insert(table, old[i], old[i + 1]);
            }
        }
        slots = table;
    }

    private static void insert(long[] table, long most, long least) {
        int mask = (table.length >>> 1) - 1;
        int i = index(most, least, mask);
        while ((table[2 * i] | table[2 * i + 1]) != 0) {
            i = (i + 1) & mask;
        }
        table[2 * i] = most;
        table[2 * i + 1] = least;
    }

    /** Mixed, because ids the caller chose (time-based, sequential) differ in a few bits only. */
    private static int index(long most, long least, int mask) {
        long h = most * 0x9E3779B97F4A7C15L ^ least;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
