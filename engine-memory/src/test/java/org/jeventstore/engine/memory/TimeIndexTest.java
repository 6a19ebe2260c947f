package org.jeventstore.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.TimeRange;
import org.junit.jupiter.api.Test;

/** The time index is built on the first read by time: it must then follow every later commit and delete. */
class TimeIndexTest {

    private final MemoryEngine engine = new MemoryEngine("test", new MemoryStorage(), EngineOptions.defaults()
            .withPageSize(2));

    private void commit(String streamId, long sequence, long stampMillis) {
        EventRecord event = new EventRecord(new byte[] {'{', '}'}, new Payload("t", Payload.JSON, new byte[] {'1'}));
        engine.commit(new CommitAttempt("b", streamId, sequence, UUID.randomUUID(), sequence,
                Instant.ofEpochMilli(stampMillis), new byte[] {'{', '}'}, List.of(event)));
    }

    private List<Long> checkpointsBetween(long fromMillis, long toMillis) {
        try (Stream<CommitRecord> commits = engine.readByTime(new TimeRange("b", Instant.ofEpochMilli(fromMillis),
                Instant.ofEpochMilli(toMillis)))) {
            return commits.map(CommitRecord::checkpoint).toList();
        }
    }

    @Test
    void commitsAndDeletesAfterTheFirstReadByTimeAreSeenByTheNext() {
        commit("a", 1, 30);
        commit("b", 1, 10);
        commit("a", 2, 20);
        assertEquals(List.of(2L, 3L, 1L), checkpointsBetween(0, 100));

        commit("b", 2, 15);
        commit("c", 1, 5);
        engine.deleteStream(new StreamKey("b", "a"));

        assertEquals(List.of(5L, 2L, 4L), checkpointsBetween(0, 100));
        assertEquals(List.of(2L, 4L), checkpointsBetween(10, 20));
    }
}
