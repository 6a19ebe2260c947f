package org.jeventstore.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CheckedEngine;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.PositionStore;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;
import org.junit.jupiter.api.Test;

class CheckedIdsTest {

    private static final byte[] NO_HEADERS = {'{', '}'};

    private static CommitAttempt attempt(String streamId) {
        return new CommitAttempt("default", streamId, 1, UUID.randomUUID(), 1, Instant.now(), NO_HEADERS,
                List.of(new EventRecord(NO_HEADERS, new Payload("t", Payload.JSON, new byte[] {'1'}))));
    }

    @Test
    void anAttemptReachesTheEngineBehindTheChecks() {
        Recording engine = new Recording();
        CommitAttempt attempt = attempt("s");

        CommitRecord stored = CheckedIds.get().commit(CheckedEngine.of(engine), attempt);

        assertEquals(List.of(attempt), engine.attempts);
        assertSame(attempt, stored.attempt());
    }

    /** Only the ids are the caller's to vouch for: a closed engine still refuses, and a null attempt too. */
    @Test
    void theOtherChecksStillRun() {
        Recording engine = new Recording();
        PersistenceEngine checked = CheckedEngine.of(engine);
        assertThrows(NullPointerException.class, () -> CheckedIds.get().commit(checked, null));

        checked.close();

        assertThrows(IllegalStateException.class, () -> CheckedIds.get().commit(checked, attempt("s")));
        assertEquals(List.of(), engine.attempts);
    }

    /** Through {@link CheckedEngine#commit} the same attempt is refused: the ids are what is skipped. */
    @Test
    void theIdCheckIsWhatItSkips() {
        Recording engine = new Recording();
        PersistenceEngine checked = CheckedEngine.of(engine);
        CommitAttempt unprintable = attempt("a\nb");

        assertThrows(IllegalArgumentException.class, () -> checked.commit(unprintable));
        CheckedIds.get().commit(checked, unprintable);

        assertEquals(List.of(unprintable), engine.attempts);
    }

    /** Keeps what it is asked to commit; nothing else is called by these tests. */
    private static final class Recording implements PersistenceEngine {
        final List<CommitAttempt> attempts = new ArrayList<>();

        @Override
        public CommitRecord commit(CommitAttempt attempt) {
            attempts.add(attempt);
            return new CommitRecord(attempt, attempts.size());
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public Stream<CommitRecord> readStream(StreamRange range) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream<CommitRecord> readFeed(FeedRange range) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SnapshotStore snapshots() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PositionStore positions() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteStream(StreamKey stream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void purge(Optional<String> bucketId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void drop() {
        }

        @Override
        public void close() {
        }
    }
}
