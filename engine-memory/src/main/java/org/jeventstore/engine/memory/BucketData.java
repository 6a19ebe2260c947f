package org.jeventstore.engine.memory;

import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jeventstore.spi.CommitRecord;

/** One bucket's streams and its own feed and time index, so bucket reads never scan other buckets. */
final class BucketData {

    /** In id order, for paging through streams to snapshot. */
    final NavigableMap<String, StreamData> streams = new ConcurrentSkipListMap<>();
    /** The same streams by id, for the lookup every commit and read makes without comparing ids. */
    final ConcurrentMap<String, StreamData> streamsById = new ConcurrentHashMap<>();
    final FeedLog feed = new FeedLog();
    /**
     * Null until the bucket is first read by time, then built from {@link #feed} and kept up to date, under the
     * write lock: a store never read by time does not insert into a sorted map on every commit.
     */
    volatile NavigableMap<TimeKey, CommitRecord> byTime;
}
