package org.jeventstore.engine.memory;

import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jeventstore.spi.CommitRecord;

/** One bucket's streams and its own feed and time index, so bucket reads never scan other buckets. */
final class BucketData {

    final NavigableMap<String, StreamData> streams = new ConcurrentSkipListMap<>();
    final NavigableMap<Long, CommitRecord> feed = new ConcurrentSkipListMap<>();
    final NavigableMap<TimeKey, CommitRecord> byTime = new ConcurrentSkipListMap<>();
}
