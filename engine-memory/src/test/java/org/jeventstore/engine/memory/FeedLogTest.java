package org.jeventstore.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.junit.jupiter.api.Test;

class FeedLogTest {

    /** The most slots one append may add: a log that doubles adds as many as it holds, and copies them all. */
    private static final int CHUNK = 4096;

    private static CommitRecord record(long checkpoint) {
        EventRecord event = new EventRecord(new byte[] {'{', '}'}, new Payload("t", Payload.JSON, new byte[] {'1'}));
        CommitAttempt attempt = new CommitAttempt("b", "s-" + checkpoint, 1, UUID.randomUUID(), 1, Instant.EPOCH,
                new byte[] {'{', '}'}, List.of(event));
        return new CommitRecord(attempt, checkpoint);
    }

    @Test
    void aLogThatDeletesAsMuchAsItWritesStaysSmallAndInOrder() {
        FeedLog log = new FeedLog();
        for (long c = 1; c <= 100_000; c++) {
            log.append(record(c));
            if (c % 10 != 0) {
                log.remove(c);
            }
        }

        assertTrue(log.capacity() <= 64 * 1024, "slots kept: " + log.capacity());
        List<Long> kept = log.all().stream().map(CommitRecord::checkpoint).toList();
        assertEquals(LongStream.rangeClosed(1, 10_000).map(i -> i * 10).boxed().toList(), kept);
        assertEquals(List.of(99_990L, 100_000L),
                log.page(99_980, Long.MAX_VALUE, 5).stream().map(CommitRecord::checkpoint).toList());
    }

    @Test
    void aGrowingLogAddsAtMostOneChunkOfSlotsAtATime() {
        FeedLog log = new FeedLog();
        int before = log.capacity();
        for (long c = 1; c <= 5 * CHUNK; c++) {
            log.append(record(c));
            int after = log.capacity();
            assertTrue(after - before <= CHUNK, "appending " + c + " grew the log from " + before + " to " + after);
            before = after;
        }
    }

    @Test
    void aLogWithoutDeletesKeepsEveryCommit() {
        FeedLog log = new FeedLog();
        for (long c = 1; c <= 1_000; c += 2) {
            log.append(record(c));
        }
        assertEquals(500, log.all().size());
        assertEquals(List.of(3L, 5L), log.page(1, 5, 10).stream().map(CommitRecord::checkpoint).toList());
    }
}
