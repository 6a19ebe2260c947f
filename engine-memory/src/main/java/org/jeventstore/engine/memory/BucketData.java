package org.jeventstore.engine.memory;

import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jeventstore.spi.CommitRecord;

/**
 * One bucket's streams and its own feed and time index, so bucket reads never scan other buckets. The store's only
 * bucket has no feed of its own: the store-wide feed holds its commits and no others (see {@code MemoryStorage}),
 * and once a second bucket is made, still its commits up to then.
 */
final class BucketData {

    /** In id order, for paging through streams to snapshot. */
    final NavigableMap<String, StreamData> streams = new ConcurrentSkipListMap<>();
    /** The same streams by id, for the lookup every commit and read makes without comparing ids. */
    final ConcurrentMap<String, StreamData> streamsById = new ConcurrentHashMap<>();
    /**
     * The checkpoint up to which this bucket's commits are the store-wide feed's, and the store-wide feed's commits
     * up to it are this bucket's: {@code Long.MAX_VALUE} while it is the store's only bucket, the last checkpoint
     * then once a second bucket is made, 0 for a bucket made beside others. Written under the write lock, after
     * {@link #feed}.
     */
    volatile long sharedUpTo;
    /**
     * The bucket's commits above {@link #sharedUpTo}: null while it is the store's only bucket, then kept up to date
     * under the write lock.
     */
    volatile FeedLog feed;
    /**
     * Null until the bucket is first read by time, then built from its commits and kept up to date, under the
     * write lock: a store never read by time does not insert into a sorted map on every commit.
     */
    volatile NavigableMap<TimeKey, CommitRecord> byTime;
}
