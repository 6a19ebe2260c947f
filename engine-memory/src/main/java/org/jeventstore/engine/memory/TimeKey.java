package org.jeventstore.engine.memory;

import java.time.Instant;

/** Orders commits for reads by time: by stamp, then by checkpoint. */
record TimeKey(Instant stamp, long checkpoint) implements Comparable<TimeKey> {

    @Override
    public int compareTo(TimeKey other) {
        int byStamp = stamp.compareTo(other.stamp);
        return byStamp != 0 ? byStamp : Long.compare(checkpoint, other.checkpoint);
    }
}
