package org.jeventstore.engine.memory;

import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jeventstore.spi.CommitRecord;

/**
 * One bucket's streams and its own feed and time index, so bucket reads never scan other buckets. The store's only
 * bucket has no feed of its own: the store-wide feed holds its commits and no others (see {@code MemoryStorage}).
 */
final class BucketData {

    /** In id order, for paging through streams to snapshot. */
    final NavigableMap<String, StreamData> streams = new ConcurrentSkipListMap<>();
    /** The same streams by id, for the lookup every commit and read makes without comparing ids. */
    final ConcurrentMap<String, StreamData> streamsById = new ConcurrentHashMap<>();
    /**
     * Null while this is the store's only bucket, whose feed is the store-wide one; written under the write lock,
     * whole, when a second bucket is made, and kept up to date from then on.
     */
    volatile FeedLog feed;
    /**
     * Null until the bucket is first read by time, then built from {@link #feed} and kept up to date, under the
     * write lock: a store never read by time does not insert into a sorted map on every commit.
     */
    volatile NavigableMap<TimeKey, CommitRecord> byTime;
}
