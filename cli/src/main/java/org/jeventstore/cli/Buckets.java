package org.jeventstore.cli;

import java.util.Set;
import java.util.TreeSet;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.PersistenceEngine;

/** The buckets of a store. The SPI has no listing of them, so they are read off the whole feed. */
final class Buckets {

    private Buckets() {
    }

    static Set<String> of(PersistenceEngine engine) {
        Set<String> buckets = new TreeSet<>();
        try (Each<CommitRecord> feed = Each.feed(engine, null, 0)) {
            for (CommitRecord commit : feed) {
                buckets.add(commit.bucketId());
            }
        }
        return buckets;
    }
}
