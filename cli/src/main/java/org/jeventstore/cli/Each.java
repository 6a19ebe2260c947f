package org.jeventstore.cli;

import java.util.Iterator;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;

/**
 * A lazy engine read as the source of a for-each loop, closed with it:
 * {@code try (Each<CommitRecord> feed = Each.feed(engine, bucket, 0)) { for (CommitRecord commit : feed) … }}.
 * A loop, not {@code Stream.forEach}, because the commands count, remember and stop as they go; one page at a
 * time is held either way.
 *
 * @param read the read; iterated once
 */
record Each<T>(Stream<T> read) implements Iterable<T>, AutoCloseable {

    static <T> Each<T> of(Stream<T> read) {
        return new Each<>(read);
    }

    /** The commits after {@code afterCheckpoint} of one bucket, or of every bucket when {@code bucket} is null. */
    static Each<CommitRecord> feed(PersistenceEngine engine, String bucket, long afterCheckpoint) {
        return of(engine.readFeed(new FeedRange(bucket, afterCheckpoint, Long.MAX_VALUE)));
    }

    @Override
    public Iterator<T> iterator() {
        return read.iterator();
    }

    @Override
    public void close() {
        read.close();
    }
}
