package org.jeventstore.cli;

import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;

/** The buckets of a store. The SPI has no listing of them, so they are read off the whole feed. */
final class Buckets {

    private Buckets() {
    }

    static Set<String> of(PersistenceEngine engine) {
        Set<String> buckets = new TreeSet<>();
        try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(0))) {
            Iterator<CommitRecord> it = feed.iterator();
            while (it.hasNext()) {
                buckets.add(it.next().bucketId());
            }
        }
        return buckets;
    }
}
