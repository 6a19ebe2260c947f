package org.jeventstore.spi;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The commit ids of one stream, for the duplicate check every commit makes: an engine that keeps a stream's
 * ids in memory (as the memory engine does) can use it, and so does the store's {@code EventStream}. Not
 * thread-safe: guard it as the stream it belongs to.
 *
 * <p>Almost every lookup is of an id that is not there, made once per commit, after commits to many other
 * streams. A hash table of the ids answers it with a read at a random place in an array of 32 bytes or more per
 * id, which a store of many streams keeps out of the cache, and that read was a third of the memory engine's
 * commit. Here the answer comes from one {@code long} of a filter of 4 bytes per id (5 bits of a 64-bit word
 * per id, chosen by a hash): a filter that does not hold the id's bits proves it absent. When it holds them
 * (between 1 lookup in 2 000 and 1 in 65 000 for an absent id, measured, as the filter fills and grows), the
 * ids themselves decide: they are kept in the order added, the last few scanned, the others found through an
 * index built only on such a lookup. So a stream that is committed to keeps 16 bytes per id, in chunks that are
 * never copied as it grows, and at most 4 of filter, and reads one word per commit; a stream that is read and never
 * committed to (most are) only appends its ids.
 *
 * <p>An owner that keeps the ids itself, in the order added (the memory engine keeps each stream's commits in an
 * array), makes the set {@linkplain #over over them}: the set then keeps only the filter and the index, and reads
 * an id from the owner on the rare exact lookup.
 */
public final class CommitIdSet {

    private static final long[][] NO_CHUNKS = {};
    /** Ids added after the index was built, scanned on an exact lookup until there are this many. */
    private static final int UNINDEXED = 32;
    /** Ids per chunk, a power of two: {@value}. */
    private static final int CHUNK = 32;
    private static final int CHUNK_SHIFT = 5;
    /** The first chunk's first size, in ids: most streams hold few commits. */
    private static final int FIRST_CHUNK = 8;
    /**
     * The first filter's words in a set over its owner's ids. The filter is rebuilt from every id as it grows, and the
     * owner's ids are a reference away each, in memory long out of the cache, so this set starts with the filter a
     * set keeping its ids has at 32 ids: 128 bytes, what it saves on its first 8 ids by not keeping them. (Layers of
     * filters, never rebuilt, read a word per layer on every lookup: measured slower, 0.44x the floor against 0.48x
     * with ids from ThreadLocalRandom.)
     */
    private static final int OWNED_FIRST_WORDS = 16;

    /**
     * Pairs of (most, least) significant bits, in the order added, {@value #CHUNK} ids a chunk: the set grows by a
     * chunk, never copying the ids (only the first chunk grows once, from {@value #FIRST_CHUNK} ids).
     */
    private long[][] chunks = NO_CHUNKS;
    /** The owner's ids, by position, for a set {@linkplain #over over them}; null when the set keeps the ids. */
    private final IntFunction<UUID> owned;
    private int count;
    /** 64-bit words, a power of two of them, at least one per 2 ids; null until the first lookup. */
    private long[] filter;
    /**
     * Positions + 1 of the ids at {@code [0, indexed)} in an open-addressing table at most half full, or null; 0 marks
     * an empty slot. Ids are kept by position, so the nil UUID is an id like any other.
     */
    private int[] index;
    private int indexed;

    /** An empty set that keeps the ids added. */
    public CommitIdSet() {
        this.owned = null;
    }

    private CommitIdSet(IntFunction<UUID> owned) {
        this.owned = owned;
    }

    /**
     * An empty set over ids its owner keeps: {@code idAt.apply(p)} is the id added {@code p}-th (from 0), for every
     * {@code p} below the number added, so the owner puts an id at the next position before adding it. Each
     * {@link #add} takes the next position, so the owner adds only an id the set does not hold.
     */
    public static CommitIdSet over(IntFunction<UUID> idAt) {
        return new CommitIdSet(Objects.requireNonNull(idAt, "idAt"));
    }

    /** Whether {@code id} was added. */
    public boolean contains(UUID id) {
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        if (count == 0) {
            return false;
        }
        if (filter == null) {
            filter = filterOf(words(count, owned == null ? 4 : OWNED_FIRST_WORDS));
        }
        long hash = hash(most, least);
        return mayHold(filter, hash) && holds(most, least, hash);
    }

    /**
     * Adds {@code id}; adding one already held changes nothing, except in a set {@linkplain #over over its owner's
     * ids}, where every add takes a position.
     */
    public void add(UUID id) {
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        if (filter != null) {
            long hash = hash(most, least);
            if (owned == null && mayHold(filter, hash) && holds(most, least, hash)) {
                return;
            }
            if (count + 1 > 2 * filter.length) {
                // Four times as many words: rebuilt from every id, so rebuilt less often.
                filter = filterOf(4 * filter.length);
            }
            mark(filter, hash);
        }
        if (owned != null) {
            count++;
            return;
        }
        // Before the first lookup an id added twice is kept twice: harmless, since only lookups read the ids.
        int chunk = count >>> CHUNK_SHIFT;
        int at = 2 * (count & (CHUNK - 1));
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(4, 2 * chunks.length));
        }
        long[] ids = chunks[chunk];
        if (ids == null || at == ids.length) {
            ids = ids == null && chunk == 0 ? new long[2 * FIRST_CHUNK]
                    : ids == null ? new long[2 * CHUNK] : Arrays.copyOf(ids, 2 * CHUNK);
            chunks[chunk] = ids;
        }
        ids[at] = most;
        ids[at + 1] = least;
        count++;
    }

    /** Whether the id at {@code position} is {@code (most, least)}. */
    private boolean isAt(int position, long most, long least) {
        if (owned != null) {
            UUID id = owned.apply(position);
            return id.getMostSignificantBits() == most && id.getLeastSignificantBits() == least;
        }
        long[] ids = chunks[position >>> CHUNK_SHIFT];
        int at = 2 * (position & (CHUNK - 1));
        return ids[at] == most && ids[at + 1] == least;
    }

    /** The hash of the id at {@code position}. */
    private long hashAt(int position) {
        if (owned != null) {
            UUID id = owned.apply(position);
            return hash(id.getMostSignificantBits(), id.getLeastSignificantBits());
        }
        long[] ids = chunks[position >>> CHUNK_SHIFT];
        int at = 2 * (position & (CHUNK - 1));
        return hash(ids[at], ids[at + 1]);
    }

    /** Whether the filter lets {@code id} through to the exact lookup, for the tests; builds the filter. */
    boolean filterAdmits(UUID id) {
        if (filter == null) {
            filter = filterOf(words(count, owned == null ? 4 : OWNED_FIRST_WORDS));
        }
        return mayHold(filter, hash(id.getMostSignificantBits(), id.getLeastSignificantBits()));
    }

    @Override
    public String toString() {
        return "CommitIdSet[" + count + " ids]";
    }

    /** The exact answer, once the filter could not rule {@code (most, least)} out. */
    private boolean holds(long most, long least, long hash) {
        if (count - indexed > UNINDEXED) {
            indexUpTo(count);
        }
        for (int i = indexed; i < count; i++) {
            if (isAt(i, most, least)) {
                return true;
            }
        }
        if (index == null) {
            return false;
        }
        int mask = index.length - 1;
        for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
            int position = index[slot] - 1;
            if (position < 0) {
                return false;
            }
            if (isAt(position, most, least)) {
                return true;
            }
        }
    }

    /** Puts the ids at {@code [indexed, end)} into the index, grown first to stay at most half full. */
    private void indexUpTo(int end) {
        int slots = index == null ? 16 : index.length;
        while (slots < 2 * end) {
            slots *= 2;
        }
        int from = indexed;
        if (index == null || slots != index.length) {
            index = new int[slots];
            from = 0;
        }
        int mask = slots - 1;
        for (int position = from; position < end; position++) {
            int slot = slot(hashAt(position), mask);
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = position + 1;
        }
        indexed = end;
    }

    /** The number of filter words for {@code count} ids: a power of two, at least {@code count / 2} and {@code least}. */
    private static int words(int count, int least) {
        int words = least;
        while (2 * words < count) {
            words *= 2;
        }
        return words;
    }

    /** A filter of {@code words} words holding every id. */
    private long[] filterOf(int words) {
        long[] filter = new long[words];
        for (int i = 0; i < count; i++) {
            mark(filter, hashAt(i));
        }
        return filter;
    }

    private static void mark(long[] filter, long hash) {
        filter[word(filter, hash)] |= bits(hash);
    }

    private static boolean mayHold(long[] filter, long hash) {
        long bits = bits(hash);
        return (filter[word(filter, hash)] & bits) == bits;
    }

    /** The word, from the hash's low half. */
    private static int word(long[] filter, long hash) {
        return (int) hash & (filter.length - 1);
    }

    /** Five bits of the word, from the hash's top 30 bits, apart from those that chose the word. */
    private static long bits(long hash) {
        return 1L << (hash >>> 34) | 1L << (hash >>> 40) | 1L << (hash >>> 46) | 1L << (hash >>> 52)
                | 1L << (hash >>> 58);
    }

    /** The index's slot, from the hash mixed again, so that ids sharing a filter word do not cluster there. */
    private static int slot(long hash, int mask) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 33) & mask;
    }

    /** Mixed, because ids the caller chose (time-based, sequential) differ in a few bits only. */
    private static long hash(long most, long least) {
        long h = most * 0x9E3779B97F4A7C15L ^ least;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
