package org.jeventstore.engine.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jeventstore.spi.CommitRecord;

/**
 * Commits in checkpoint order, written under the storage's write lock and read without a lock. Checkpoints
 * are handed out in order under that lock, so appending keeps the log sorted, where a sorted map would
 * search and allocate on every commit.
 *
 * <p>The log is a directory of chunks of at most {@link #CHUNK} slots. An append fills the last chunk, or
 * starts a new one and copies only the directory's references when the directory is full: no write ever
 * copies the log itself, which every commit of the store would wait for. A removed commit empties its slot,
 * which reads skip; a chunk that deletes leave three-quarters empty is rewritten without its empty slots,
 * together with the chunk before it when both fit in one, and a chunk left with no commit at all leaves an
 * empty slot in the directory, dropped when half the directory's slots are empty. A rewrite copies at most
 * one chunk's worth of commits.
 *
 * <p>Readers hold one directory and read its chunks in order. A commit only ever moves to a later slot of the
 * directory (a merge writes the merged chunk into the later slot before it empties the earlier one), so a
 * reader moving forward never passes a commit still in the log (one that meets an emptied slot reads the
 * directory's size again, as the merged chunk may be one added after the read began); a reader that meets a
 * commit twice, in the chunk it came from and in the one it was merged into, returns it once.
 */
final class FeedLog {

    /**
     * The most slots in a chunk: 4096 checkpoints and references are 48 KB, allocated without a pause under the
     * lock and far below the size at which G1 allocates an array outside the young generation (half a region,
     * 512 KB at least); the directory of a store of 1 000 000 commits holds 250 chunks, and a merge or
     * compaction copies at most one chunk's worth of commits.
     */
    static final int CHUNK = 4096;
    /**
     * The first chunk's slots; each next one has twice as many up to {@link #CHUNK}, so the log of a small
     * bucket stays small.
     */
    static final int FIRST_CHUNK = 64;
    private static final int FIRST_DIRECTORY = 16;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Chunk[].class);
    /** In the directory in place of a chunk whose commits were all removed or moved to a later slot. */
    private static final Chunk EMPTY = new Chunk(0);

    private volatile Directory directory = new Directory(FIRST_DIRECTORY);
    /**
     * How many merges moved commits to a later slot: {@link #last()}, which reads the directory backwards,
     * reads again when a merge ran meanwhile. Written under the write lock before the emptied slot is.
     */
    private volatile int moves;
    /** The chunk appends fill, the directory's last; guarded by the write lock, like the fields below. */
    private Chunk tail;
    /** Slots of {@link #directory} that hold {@link #EMPTY}. */
    private int emptySlots;

    /** Under the write lock: appends a commit whose checkpoint is above every other. */
    void append(CommitRecord record) {
        Chunk chunk = tail;
        if (chunk != null) {
            int n = chunk.count;
            if (n < chunk.checkpoints.length) {
                chunk.checkpoints[n] = record.checkpoint();
                chunk.records[n] = record;
                chunk.live++;
                chunk.count = n + 1;
                return;
            }
        }
        Chunk started = new Chunk(chunk == null ? FIRST_CHUNK : Math.min(CHUNK, chunk.checkpoints.length * 2));
        started.checkpoints[0] = record.checkpoint();
        started.records[0] = record;
        started.live = 1;
        started.count = 1;
        Directory current = directory;
        if (current.size == current.chunks.length) {
            current = current.rebuilt();
            emptySlots = 0;
        }
        int size = current.size;
        current.floors[size] = record.checkpoint();
        current.set(size, started);
        current.size = size + 1;
        directory = current;
        tail = started;
        if (chunk != null) {
            reclaim(current, size - 1);
        }
    }

    /** Under the write lock: empties the slot of {@code checkpoint}, if the log holds it. */
    void remove(long checkpoint) {
        Directory current = directory;
        int size = current.size;
        for (int slot = current.slotOf(checkpoint, size); slot < size; slot++) {
            Chunk chunk = current.chunks[slot];
            if (chunk == EMPTY) {
                continue;
            }
            // The first chunk from the slot whose range holds the checkpoint: a commit moves only from an
            // emptied slot to the next chunk, so it is in this one or no longer in the log.
            int index = Arrays.binarySearch(chunk.checkpoints, 0, chunk.count, checkpoint);
            if (index >= 0 && chunk.records[index] != null) {
                chunk.records[index] = null;
                chunk.live--;
                // Rewriting the volatile count publishes the emptied slot to readers, who read the count first.
                chunk.count = chunk.count;
                if (chunk != tail) {
                    reclaim(current, slot);
                }
            }
            return;
        }
    }

    /** Under the write lock: removes every commit; a read under way ends with the page it is reading. */
    void clear() {
        directory = new Directory(FIRST_DIRECTORY);
        tail = null;
        emptySlots = 0;
    }

    /** How many slots the log's chunks hold now, filled or empty. */
    int capacity() {
        Directory current = directory;
        int slots = 0;
        for (int slot = 0; slot < current.size; slot++) {
            slots += current.chunk(slot).checkpoints.length;
        }
        return slots;
    }

    /** How many chunks the directory refers to now, counting the slots that deletes emptied. */
    int chunks() {
        return directory.size;
    }

    /** Every commit still in the log, in checkpoint order, as of now. */
    List<CommitRecord> all() {
        return page(0, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The checkpoint of the last commit in the log, 0 when it holds none. It walks back over the slots that
     * deleted commits left at the end: at most those of the last chunk and of the last one before it that is
     * not {@link #EMPTY}, since a chunk with no commit left is replaced by {@link #EMPTY}.
     */
    long last() {
        while (true) {
            int movesBefore = moves;
            Directory current = directory;
            long last = 0;
            search:
            for (int slot = current.size - 1; slot >= 0; slot--) {
                Chunk chunk = current.chunk(slot);
                for (int index = chunk.count - 1; index >= 0; index--) {
                    if (chunk.records[index] != null) {
                        last = chunk.checkpoints[index];
                        break search;
                    }
                }
            }
            // Walking backwards, a read can pass the slot a merge moved commits into, then find the slot they
            // came from emptied: it reads again rather than answer below a commit still in the log.
            if (moves == movesBefore) {
                return last;
            }
        }
    }

    /** Up to {@code pageSize} commits above {@code afterCheckpoint}, up to {@code toCheckpoint}. */
    List<CommitRecord> page(long afterCheckpoint, long toCheckpoint, int pageSize) {
        Directory current = directory;
        int size = current.size;
        List<CommitRecord> page = new ArrayList<>(Math.min(pageSize, 64));
        long seen = afterCheckpoint;
        for (int slot = current.slotOf(afterCheckpoint, size); slot < size && page.size() < pageSize; slot++) {
            Chunk chunk = current.chunk(slot);
            if (chunk == EMPTY) {
                // Its commits may have moved to a slot added since this read began, the chunk that was the tail
                // then: the size read again covers it. Every slot before this one was full when it was read,
                // so reading further keeps what this page returns a prefix of the log.
                size = current.size;
                continue;
            }
            int count = chunk.count;
            long[] checkpoints = chunk.checkpoints;
            CommitRecord[] records = chunk.records;
            // From the first checkpoint above the last one read: a commit met before a merge is not met again.
            int index = Arrays.binarySearch(checkpoints, 0, count, seen);
            for (index = index >= 0 ? index + 1 : -index - 1; index < count; index++) {
                if (checkpoints[index] > toCheckpoint) {
                    return page;
                }
                CommitRecord record = records[index];
                if (record != null) {
                    page.add(record);
                    if (page.size() == pageSize) {
                        return page;
                    }
                }
            }
            if (count > 0) {
                seen = Math.max(seen, checkpoints[count - 1]);
            }
        }
        return page;
    }

    /**
     * Under the write lock, for a chunk that is not the tail: replaces it by {@link #EMPTY} when it holds no
     * commit, rewrites it without its empty slots (with the chunk before it when both fit in one) when three
     * quarters of its slots are empty, and drops the directory's empty slots when they are half of it.
     */
    private void reclaim(Directory current, int slot) {
        Chunk chunk = current.chunks[slot];
        if (chunk.live == 0) {
            current.set(slot, EMPTY);
            emptySlots++;
        } else if (chunk.live * 4 <= chunk.checkpoints.length) {
            int previous = slot - 1;
            while (previous >= 0 && current.chunks[previous] == EMPTY) {
                previous--;
            }
            Chunk before = previous < 0 ? null : current.chunks[previous];
            if (before != null && before.live + chunk.live <= CHUNK) {
                // The merged chunk goes into the later slot first, then the count of moves, then the emptied
                // earlier slot: a reader that finds the earlier slot emptied finds the commits further on, and
                // reads the new count.
                current.set(slot, Chunk.merged(before, chunk));
                moves = moves + 1;
                current.set(previous, EMPTY);
                emptySlots++;
            } else {
                current.set(slot, Chunk.merged(EMPTY, chunk));
            }
        }
        if (emptySlots * 2 > current.size) {
            directory = current.rebuilt();
            emptySlots = 0;
        }
    }

    /**
     * The chunks in checkpoint order, each with a floor: every commit in slot <i>i</i> is below the floor of slot
     * <i>i + 1</i>, so a search by floor finds the slot to start from. A directory is written in place only
     * under the write lock: a chunk replaced by its rewrite, or by {@link #EMPTY}, and new slots published by
     * the volatile size. Floors never change; a directory of a new length is a new one.
     */
    private static final class Directory {
        final Chunk[] chunks;
        final long[] floors;
        /** Written after the slots it covers and their floors. */
        volatile int size;

        Directory(int length) {
            chunks = new Chunk[length];
            floors = new long[length];
        }

        Chunk chunk(int slot) {
            return (Chunk) SLOTS.getAcquire(chunks, slot);
        }

        /** A chunk is whole before any reader can find it in its slot. */
        void set(int slot, Chunk chunk) {
            SLOTS.setRelease(chunks, slot, chunk);
        }

        /** The last of the first {@code size} slots whose floor is at most {@code checkpoint}; 0 for none. */
        int slotOf(long checkpoint, int size) {
            int index = Arrays.binarySearch(floors, 0, size, checkpoint);
            return index >= 0 ? index : Math.max(0, -index - 2);
        }

        /**
         * A copy without the empty slots, with room for as many chunks again. A kept chunk takes the floor of the
         * first slot after the chunk kept before it: the commits merged into it came from the slots between.
         */
        Directory rebuilt() {
            int n = size;
            int kept = 0;
            for (int slot = 0; slot < n; slot++) {
                if (chunks[slot] != EMPTY) {
                    kept++;
                }
            }
            Directory rebuilt = new Directory(Math.max(FIRST_DIRECTORY, 2 * kept + 2));
            int to = 0;
            int firstSlotAfterKept = 0;
            for (int slot = 0; slot < n; slot++) {
                if (chunks[slot] != EMPTY) {
                    rebuilt.chunks[to] = chunks[slot];
                    rebuilt.floors[to] = floors[firstSlotAfterKept];
                    to++;
                    firstSlotAfterKept = slot + 1;
                }
            }
            rebuilt.size = to;
            return rebuilt;
        }
    }

    /** Up to {@link #CHUNK} commits in checkpoint order; a reader holding a chunk sees a consistent prefix of it. */
    private static final class Chunk {
        final long[] checkpoints;
        final CommitRecord[] records;
        /** Written after the entry it counts: a reader that sees the count sees the entry. */
        volatile int count;
        /** Filled slots not emptied by a remove; guarded by the write lock. */
        int live;

        Chunk(int capacity) {
            checkpoints = new long[capacity];
            records = new CommitRecord[capacity];
        }

        /** The commits still in {@code first}, then those still in {@code second}, without empty slots. */
        static Chunk merged(Chunk first, Chunk second) {
            Chunk merged = new Chunk(first.live + second.live);
            int to = merged.copyLive(first, 0);
            to = merged.copyLive(second, to);
            merged.live = to;
            merged.count = to;
            return merged;
        }

        private int copyLive(Chunk from, int to) {
            for (int index = 0; index < from.count; index++) {
                CommitRecord record = from.records[index];
                if (record != null) {
                    checkpoints[to] = from.checkpoints[index];
                    records[to] = record;
                    to++;
                }
            }
            return to;
        }
    }
}
