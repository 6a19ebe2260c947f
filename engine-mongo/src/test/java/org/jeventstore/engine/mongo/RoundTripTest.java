package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.testbackends.InProcessMongo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Counts the commands each operation sends, with the driver's CommandListener. */
class RoundTripTest {

    private final String uri = InProcessMongo.freshUri();

    private MongoEngine open(CommandCounter counter, int pageSize) {
        return MongoEngine.open(MongoSettings.parse(StoreUri.parse(uri)), new EngineOptions(pageSize),
                builder -> builder.addCommandListener(counter));
    }

    private static CommitAttempt attempt(String stream, long sequence, UUID commitId) {
        return attempt(stream, sequence, commitId, sequence, 1);
    }

    /** A commit of {@code events} events ending at {@code lastRevision}. */
    private static CommitAttempt attempt(String stream, long sequence, UUID commitId, long lastRevision,
                                         int events) {
        EventRecord event = new EventRecord("{}".getBytes(UTF_8),
                new Payload("test.event", Payload.JSON, ("{\"n\":" + sequence + "}").getBytes(UTF_8)));
        return new CommitAttempt("default", stream, lastRevision, commitId, sequence, Instant.now(),
                "{\"user\":\"test\"}".getBytes(UTF_8), Collections.nCopies(events, event));
    }

    private static CommitAttempt attempt(String stream, long sequence) {
        return attempt(stream, sequence, UUID.randomUUID());
    }

    @Test
    void uncontendedCommitSendsExactlyOneInsert() {
        CommandCounter counter = new CommandCounter();
        try (MongoEngine engine = open(counter, 128)) {
            counter.take();
            for (int i = 1; i <= 5; i++) {
                engine.commit(attempt("s", i));
                assertEquals(List.of("insert"), counter.take(), "commands of commit " + i);
            }
        }
    }

    @Test
    void commitAfterAnotherWriterTookTheCheckpointReadsTheHighestAndRetriesOnce() {
        CommandCounter counter = new CommandCounter();
        try (MongoEngine mine = open(counter, 128); MongoEngine other = open(new CommandCounter(), 128)) {
            CommitRecord theirs = other.commit(attempt("theirs", 1));
            counter.take();

            CommitRecord record = mine.commit(attempt("mine", 1));

            assertEquals(List.of("insert", "find", "find", "insert"), counter.take());
            assertEquals(theirs.checkpoint() + 1, record.checkpoint());
            mine.commit(attempt("mine", 2));
            assertEquals(List.of("insert"), counter.take());
        }
    }

    @Test
    void concurrencyConflictAndDuplicateCostOneQueryEachAndWriteNothing() {
        CommandCounter counter = new CommandCounter();
        try (MongoEngine engine = open(counter, 128)) {
            CommitRecord first = engine.commit(attempt("s", 1));
            counter.take();

            assertThrows(ConcurrencyException.class, () -> engine.commit(attempt("s", 1)));
            assertEquals(List.of("insert", "find"), counter.take());
            assertThrows(DuplicateCommitException.class, () -> engine.commit(attempt("s", 2, first.commitId())));
            assertEquals(List.of("insert", "find"), counter.take());
            try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(0))) {
                assertEquals(List.of(first), feed.toList());
            }
        }
    }

    @Test
    @DisplayName("the next sequence over revisions a stored commit holds costs one query, writes nothing, and the "
            + "real next commit is one insert again")
    void overlappingCommitWithTheNextSequenceCostsOneQueryAndWritesNothing() {
        CommandCounter counter = new CommandCounter();
        try (MongoEngine engine = open(counter, 128)) {
            CommitRecord first = engine.commit(attempt("s", 1, UUID.randomUUID(), 3, 3));
            counter.take();

            assertThrows(ConcurrencyException.class, () -> engine.commit(attempt("s", 2, UUID.randomUUID(), 3, 1)));
            assertEquals(List.of("insert", "find"), counter.take());
            assertThrows(ConcurrencyException.class, () -> engine.commit(attempt("s", 2, UUID.randomUUID(), 4, 3)));
            assertEquals(List.of("insert", "find"), counter.take());
            try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(0))) {
                assertEquals(List.of(first), feed.toList());
            }
            counter.take();
            engine.commit(attempt("s", 2, UUID.randomUUID(), 4, 1));
            assertEquals(List.of("insert"), counter.take());
        }
    }

    @Test
    void feedReadFetchesOnePagePerRoundTripOfOneCursor() {
        CommandCounter counter = new CommandCounter();
        try (MongoEngine engine = open(counter, 2)) {
            for (int i = 1; i <= 5; i++) {
                engine.commit(attempt("s", i));
            }
            counter.take();
            try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(0))) {
                assertEquals(5, feed.count());
            }
            assertEquals(List.of("find", "getMore", "getMore"), counter.take());
        }
    }

    @Test
    void engineWithAStaleCheckpointNeverReusesOneThatWasDeleted() {
        try (MongoEngine stale = open(new CommandCounter(), 128); MongoEngine other = open(new CommandCounter(), 128)) {
            CommitRecord last = null;
            for (int i = 1; i <= 3; i++) {
                last = other.commit(attempt("deleted", i));
            }
            other.deleteStream(new StreamKey("default", "deleted"));
            other.purge(Optional.empty());

            CommitRecord next = stale.commit(attempt("s", 1));

            assertEquals(last.checkpoint() + 1, next.checkpoint());
            try (MongoEngine reopened = open(new CommandCounter(), 128)) {
                assertEquals(next.checkpoint() + 1, reopened.commit(attempt("s", 2)).checkpoint());
                try (Stream<CommitRecord> feed = reopened.readFeed(FeedRange.after(0))) {
                    assertEquals(2, feed.count());
                }
            }
        }
    }
}
