package org.jeventstore.engine.azure.tables;

import com.azure.data.tables.models.TableEntity;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;

/**
 * Reads the feed partition in checkpoint order and never past an unsettled reservation: a PENDING row younger
 * than {@code resolveAfter} ends the read (the next poll continues from the last checkpoint returned), an
 * older one is settled by the {@link Resolver} and then returned or passed over. Nothing is ever skipped
 * because of its age: age only decides when to start the fence race that settles a row for certain.
 */
final class FeedReader {

    private final Entities table;
    private final Checkpoints checkpoints;
    private final Resolver resolver;
    private final Duration resolveAfter;
    private final Clock clock;
    private final int pageSize;

    FeedReader(Entities table, Checkpoints checkpoints, Resolver resolver, Duration resolveAfter, Clock clock,
               int pageSize) {
        this.table = table;
        this.checkpoints = checkpoints;
        this.resolver = resolver;
        this.resolveAfter = resolveAfter;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    Stream<CommitRecord> read(FeedRange range) {
        String filter = "PartitionKey eq 'feed' and RowKey gt '" + Keys.feed(range.afterCheckpoint())
                + "' and RowKey le '" + Keys.feed(range.toCheckpoint()) + "'"
                // per bucket, only that bucket's reservations can arrive late for this reader
                + (range.allBuckets() ? "" : " and Bucket eq " + Keys.literal(range.bucketId()))
                // tombstones and gaps are never returned nor waited for
                + " and (Status eq 'D' or Status eq 'P')";
        Iterator<TableEntity> rows = table.query(filter, null, pageSize).iterator();
        Iterator<CommitRecord> commits = new Iterator<>() {
            private CommitRecord next;
            private boolean stopped;

            @Override
            public boolean hasNext() {
                while (next == null && !stopped && rows.hasNext()) {
                    TableEntity row = rows.next();
                    if (FeedStatus.of(row.getProperty(FeedStatus.PROPERTY)) == FeedStatus.PENDING) {
                        if (isYoung(row)) {
                            stopped = true;
                            break;
                        }
                        TableEntity pending = row;
                        row = Errors.guard("Resolving a pending commit", () -> resolver.resolve(pending));
                    }
                    if (FeedStatus.of(row.getProperty(FeedStatus.PROPERTY)) == FeedStatus.DONE) {
                        next = new CommitRecord(Blobs.commit(Blobs.get(row.getProperties())),
                                Keys.checkpointOf(row.getRowKey()));
                    }
                }
                return next != null;
            }

            @Override
            public CommitRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CommitRecord result = next;
                next = null;
                return result;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(commits,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * The checkpoint of the last DONE row, 0 when there is none. Azure Tables only scans a partition in
     * ascending order, so this starts where the writer allocates the next checkpoint: feed rows form the
     * unbroken run 1..N, and {@link Checkpoints#end()} finds N in one point read when this engine is up to date.
     * Then it reads back from N in windows that double, asking only for DONE rows: tombstones, aborted rows and
     * reservations still PENDING are never the answer. Usually one window, of one page, holds it.
     *
     * <p>A PENDING row below the answer (a commit in flight, or a dead writer's row that the next reader will
     * settle) keeps a feed read from reaching the answer until it is settled; then the feed returns it.
     */
    long lastCheckpoint() {
        long high = checkpoints.end();
        long window = pageSize;
        while (high > 0) {
            long low = Math.max(0, high - window);
            String filter = "PartitionKey eq 'feed' and RowKey gt '" + Keys.feed(low) + "' and RowKey le '"
                    + Keys.feed(high) + "' and Status eq '" + FeedStatus.DONE.code() + "'";
            try (Stream<TableEntity> rows = table.query(filter, List.of("RowKey"), pageSize)) {
                long last = rows.mapToLong(row -> Keys.checkpointOf(row.getRowKey())).max().orElse(0);
                if (last > 0) {
                    return last;
                }
            }
            high = low;
            window *= 2;
        }
        return 0;
    }

    private boolean isYoung(TableEntity row) {
        return row.getTimestamp() != null
                && row.getTimestamp().toInstant().plus(resolveAfter).isAfter(clock.instant());
    }
}
