package org.jeventstore.engine.memory;

import java.time.Instant;
import java.util.Comparator;

/** Orders commits for reads by time: by stamp, then by checkpoint. */
record TimeKey(Instant stamp, long checkpoint) implements Comparable<TimeKey> {

    private static final Comparator<TimeKey> ORDER =
            Comparator.comparing(TimeKey::stamp).thenComparingLong(TimeKey::checkpoint);

    @Override
    public int compareTo(TimeKey other) {
        return ORDER.compare(this, other);
    }
}
