package org.jeventstore.internal;

import java.util.UUID;

/**
 * The commit ids a stream knows, for the duplicate check every {@code commitChanges} makes before anything is
 * sent to the engine. The ids are kept as their two halves in one open-addressing array, not as a
 * {@code HashSet<UUID>}: a lookup reads one slot of one array instead of a table, a node and the id. Until the
 * first lookup, added ids are only appended to a list, which that lookup indexes all at once, so a stream that
 * is read and never committed to (most are) never hashes its ids, and a long one read whole sizes its table
 * once. From then on an id goes straight into the table: a commit adds the id it has just looked up, whose
 * slot is still in the cache, where a list would cost the next commit a second visit to the table. The
 * memory engine keeps its commit ids the same way ({@code CommitIds}); engines cannot use this package. Not
 * thread-safe, like the stream.
 */
final class UuidSet {

    private static final long[] NONE = {};

    /** The nil UUID marks an empty slot, so whether the nil UUID itself is held is kept apart. */
    private boolean nil;
    /** Pairs of (most, least) significant bits; the number of pairs is a power of two. */
    private long[] slots = new long[2 * 8];
    private int size;
    /** Ids added before the first lookup, as pairs of halves, not yet in {@link #slots}; null after it. */
    private long[] pending = NONE;
    private int pendingCount;

    boolean contains(UUID id) {
        if (pending != null) {
            index();
            pending = null;
        }
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        if ((most | least) == 0) {
            return nil;
        }
        return find(slots, most, least) >= 0;
    }

    /** Adds an id; adding one already held is a no-op. */
    void add(UUID id) {
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        if ((most | least) == 0) {
            nil = true;
            return;
        }
        if (pending == null) {
            insert(most, least);
            return;
        }
        if (2 * pendingCount == pending.length) {
            long[] grown = new long[Math.max(16, pending.length * 2)];
            System.arraycopy(pending, 0, grown, 0, pending.length);
            pending = grown;
        }
        pending[2 * pendingCount] = most;
        pending[2 * pendingCount + 1] = least;
        pendingCount++;
    }

    /** Puts an id into the table, grown first if it would be more than half full. */
    private void insert(long most, long least) {
        if (2 * (size + 1) > slots.length >>> 1) {
            grow(slots.length); // twice the pairs: the array holds two longs a pair
        }
        int found = find(slots, most, least);
        if (found < 0) {
            slots[-found - 1] = most;
            slots[-found] = least;
            size++;
        }
    }

    /** Puts the pending ids into the table, grown first to hold them all at most half full. */
    private void index() {
        int pairs = slots.length >>> 1;
        while (2 * (size + pendingCount) > pairs) {
            pairs *= 2;
        }
        if (pairs != slots.length >>> 1) {
            grow(pairs);
        }
        for (int p = 0; p < 2 * pendingCount; p += 2) {
            int found = find(slots, pending[p], pending[p + 1]);
            if (found < 0) {
                int at = -found - 1;
                slots[at] = pending[p];
                slots[at + 1] = pending[p + 1];
                size++;
            }
        }
        pendingCount = 0;
    }

    /** Moves the ids into a table of {@code pairs} slots. */
    private void grow(int pairs) {
        long[] old = slots;
        long[] table = new long[2 * pairs];
        for (int i = 0; i < old.length; i += 2) {
            if ((old[i] | old[i + 1]) != 0) {
                int at = -find(table, old[i], old[i + 1]) - 1;
                table[at] = old[i];
                table[at + 1] = old[i + 1];
            }
        }
        slots = table;
    }

    /**
     * The array index of the pair {@code (most, least)} in {@code table} if it is there, else {@code -(index of
     * the empty slot where it would go) - 1}.
     */
    private static int find(long[] table, long most, long least) {
        int mask = (table.length >>> 1) - 1;
        for (int i = hash(most, least) & mask; ; i = (i + 1) & mask) {
            long m = table[2 * i];
            long l = table[2 * i + 1];
            if (m == most && l == least) {
                return 2 * i;
            }
            if ((m | l) == 0) {
                return -(2 * i) - 1;
            }
        }
    }

    /** Mixed, because ids the caller chose (time-based, sequential) differ in a few bits only. */
    private static int hash(long most, long least) {
        long h = most * 0x9E3779B97F4A7C15L ^ least;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }
}
