package org.jeventstore.engine.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.testbackends.Azurite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/**
 * Purge and delete under a steady write load, made deterministic: before every request the purging engine sends,
 * another engine commits once, so writes never pause however long the purge runs. Work bounded by the highest
 * checkpoint at the start finishes in a bounded number of requests; work that goes on until nothing is left
 * never does, so the writes stop after {@value #WRITES} requests and the request count tells the two apart.
 */
@ExtendWith(Azurite.class)
class PurgeUnderLoadTest {

    private static final String BUCKET = "load";
    /** Writes made during a purge, one before each of its requests; far above what a bounded purge needs. */
    private static final int WRITES = 400;

    /** Runs a write before each request while armed, at most {@value #WRITES} times, and counts the requests. */
    private static final class WriteBeforeEveryRequest implements HttpPipelinePolicy {
        private final Runnable write;
        private volatile boolean armed;
        private int requests;

        WriteBeforeEveryRequest(Runnable write) {
            this.write = write;
        }

        private void before() {
            if (armed) {
                requests++;
                if (requests <= WRITES) {
                    write.run();
                }
            }
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            before();
            return next.process();
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            before();
            return next.processSync();
        }
    }

    /**
     * The load: in turn, the next commit of a stream that existed before the purge (while it still accepts
     * commits) and the first commit of a new stream.
     */
    private static final class Writer implements Runnable {
        private final PersistenceEngine engine;
        private final Map<String, CommitRecord> lastOfOldStreams;
        private final List<CommitRecord> written = new ArrayList<>();
        private int turn;

        Writer(PersistenceEngine engine, Map<String, CommitRecord> lastOfOldStreams) {
            this.engine = engine;
            this.lastOfOldStreams = new LinkedHashMap<>(lastOfOldStreams);
        }

        @Override
        public void run() {
            turn++;
            if (turn % 2 == 0 || lastOfOldStreams.isEmpty()) {
                written.add(engine.commit(first("new-" + turn)));
                return;
            }
            String stream = lastOfOldStreams.keySet().iterator().next();
            CommitRecord last = lastOfOldStreams.remove(stream);
            try {
                CommitRecord next = engine.commit(next(last));
                written.add(next);
                lastOfOldStreams.put(stream, next);
            } catch (ConcurrencyException deletedMeanwhile) {
                // the purge removed this stream's head: it takes no more commits, leave it
            }
        }
    }

    private final String table = "t" + UUID.randomUUID().toString().replace("-", "");
    private final List<PersistenceEngine> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(PersistenceEngine::close);
    }

    private PersistenceEngine engine(List<HttpPipelinePolicy> policies) {
        PersistenceEngine engine = AzureTablesEngineProvider.open(StoreUri.parse(Azurite.tableUri(table,
                "create=true")), EngineOptions.defaults(), policies, FailurePoint.NONE);
        opened.add(engine);
        return engine;
    }

    private static CommitAttempt attempt(String streamId, long sequence) {
        return new CommitAttempt(BUCKET, streamId, sequence, UUID.randomUUID(), sequence, Instant.now(),
                "{}".getBytes(), List.of(new EventRecord("{}".getBytes(),
                new Payload("test.event", Payload.JSON, ("{\"stream\":\"" + streamId + "\"}").getBytes()))));
    }

    private static CommitAttempt first(String streamId) {
        return attempt(streamId, 1);
    }

    private static CommitAttempt next(CommitRecord last) {
        return attempt(last.streamId(), last.commitSequence() + 1);
    }

    private static <T> List<T> toList(Stream<T> stream) {
        try (stream) {
            return stream.collect(Collectors.toList());
        }
    }

    private static Set<UUID> ids(List<CommitRecord> commits) {
        return commits.stream().map(CommitRecord::commitId).collect(Collectors.toSet());
    }

    /**
     * Stores 2 commits in each of 5 streams, then runs {@code removal} of {@code removedStreams} (empty: all) under
     * the load, which writes to those streams and to new ones, and checks what is left.
     */
    private void assertBoundedUnderLoad(Consumer<PersistenceEngine> removal, Set<String> removedStreams) {
        PersistenceEngine setup = engine(List.of());
        Map<String, CommitRecord> lastOfOldStreams = new LinkedHashMap<>();
        List<CommitRecord> before = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            CommitRecord first = setup.commit(first("old-" + s));
            CommitRecord second = setup.commit(next(first));
            before.add(first);
            before.add(second);
            lastOfOldStreams.put("old-" + s, second);
        }
        Set<String> removedOld = removedStreams.isEmpty() ? Set.copyOf(lastOfOldStreams.keySet()) : removedStreams;
        lastOfOldStreams.keySet().retainAll(removedOld);
        Writer writer = new Writer(engine(List.of()), lastOfOldStreams);
        WriteBeforeEveryRequest load = new WriteBeforeEveryRequest(writer);
        PersistenceEngine purging = engine(List.of(load));

        load.armed = true;
        removal.accept(purging);
        load.armed = false;

        assertTrue(load.requests < WRITES, "took " + load.requests + " requests: it went on until the writes "
                + "stopped, after " + WRITES);
        List<CommitRecord> feed = toList(purging.readFeed(FeedRange.after(0)));
        Set<UUID> removed = before.stream().filter(c -> removedOld.contains(c.streamId()))
                .map(CommitRecord::commitId).collect(Collectors.toSet());
        Set<UUID> left = new HashSet<>(ids(feed));
        left.retainAll(removed);
        assertEquals(Set.of(), left, "commits stored before the removal began are still in the feed");
        for (String stream : removedOld) {
            Set<UUID> inStream = ids(toList(purging.readStream(StreamRange.all(BUCKET, stream))));
            inStream.retainAll(removed);
            assertEquals(Set.of(), inStream, stream + " still holds commits stored before the removal began");
        }
        // what survived is whole: each commit the feed shows is in its stream too
        for (CommitRecord survivor : feed) {
            assertTrue(toList(purging.readStream(StreamRange.all(BUCKET, survivor.streamId()))).contains(survivor),
                    survivor + " is in the feed but not in its stream");
        }
    }

    @Test
    @DisplayName("purge() under a steady write load finishes, bounded by the highest checkpoint at its start")
    void purgeFinishesUnderSteadyWrites() {
        assertBoundedUnderLoad(engine -> engine.purge(Optional.empty()), Set.of());
    }

    @Test
    @DisplayName("purge(bucket) under a steady write load finishes, bounded by the highest checkpoint at its start")
    void bucketPurgeFinishesUnderSteadyWrites() {
        assertBoundedUnderLoad(engine -> engine.purge(Optional.of(BUCKET)), Set.of());
    }

    @Test
    @DisplayName("deleteStream of a stream written all the while finishes")
    void deleteStreamFinishesWhileTheStreamIsWritten() {
        assertBoundedUnderLoad(engine -> engine.deleteStream(new StreamKey(BUCKET, "old-1")), Set.of("old-1"));
    }
}
