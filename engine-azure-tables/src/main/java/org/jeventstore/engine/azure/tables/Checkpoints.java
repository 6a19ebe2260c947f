package org.jeventstore.engine.azure.tables;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the feed ends, as far as this engine knows. Feed rows are only ever inserted at (a row seen to
 * exist) + 1 and never deleted, so the rows always form the unbroken run 1..N; a stale guess is corrected by
 * probing rows (doubling, then bisecting), in O(log distance) point reads, not by scanning the feed.
 */
final class Checkpoints {

    private static final List<String> KEY_ONLY = List.of("RowKey");

    private final Entities table;
    private final AtomicLong last = new AtomicLong();

    Checkpoints(Entities table) {
        this.table = table;
    }

    /** The checkpoint to try next. */
    long next() {
        return last.get() + 1;
    }

    /** Records that the row of {@code checkpoint} exists. */
    void seen(long checkpoint) {
        last.accumulateAndGet(checkpoint, Math::max);
    }

    /**
     * The last row of the feed now, found from the last one this engine has seen: one point read for an engine
     * that is up to date, O(log distance) otherwise.
     */
    long end() {
        long known = last.get();
        if (known == 0) {
            if (!exists(1)) {
                return 0;
            }
            known = 1;
        }
        refresh(known);
        return last.get();
    }

    /** Finds the last row, knowing that {@code existing} exists, and records it. */
    void refresh(long existing) {
        long low = existing;
        long step = 1;
        while (exists(low + step)) {
            low += step;
            step *= 2;
        }
        long high = low + step;
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (exists(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        seen(low);
    }

    private boolean exists(long checkpoint) {
        return table.get(Keys.FEED, Keys.feed(checkpoint), KEY_ONLY).isPresent();
    }
}
