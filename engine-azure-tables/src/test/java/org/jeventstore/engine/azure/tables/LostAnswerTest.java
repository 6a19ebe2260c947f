package org.jeventstore.engine.azure.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.testbackends.Azurite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/**
 * The server commits the stream transaction but its answer is lost, so the SDK sends it again and the guards
 * refuse the resend: the commit is still ours, whole, and must be reported as stored — not as a duplicate,
 * and not aborted in the feed.
 */
@ExtendWith(Azurite.class)
class LostAnswerTest {

    /** Lets the first {@code $batch} reach the server, then answers it with a 503 as a broken connection would. */
    private static final class LoseFirstBatchAnswer implements HttpPipelinePolicy {
        private final AtomicBoolean lost = new AtomicBoolean();
        private final FailingResponses busy = new FailingResponses(503, "ServerBusy");

        private boolean loses(HttpPipelineCallContext context) {
            return context.getHttpRequest().getUrl().getPath().endsWith("$batch") && lost.compareAndSet(false, true);
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            return loses(context) ? next.process().map(answer -> busy.response(context.getHttpRequest()))
                    : next.process();
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            if (loses(context)) {
                next.processSync().close();
                return busy.response(context.getHttpRequest());
            }
            return next.processSync();
        }
    }

    @Test
    void aResentTransactionWhoseFirstAttemptCommittedIsReportedAsStored() {
        LoseFirstBatchAnswer policy = new LoseFirstBatchAnswer();
        String uri = Azurite.newTableUri() + "&maxRetries=2";
        try (PersistenceEngine engine = AzureTablesEngineProvider.open(StoreUri.parse(uri), EngineOptions.defaults(),
                List.of(policy), FailurePoint.NONE)) {
            CommitAttempt attempt = new CommitAttempt("b", "s", 1, UUID.randomUUID(), 1, Instant.now(),
                    "{}".getBytes(), List.of(new EventRecord("{}".getBytes(),
                    new Payload("t", Payload.JSON, "{\"n\":1}".getBytes()))));

            CommitRecord stored = engine.commit(attempt);

            assertTrue(policy.lost.get(), "the first answer was lost");
            assertEquals(List.of(stored), engine.readStream(StreamRange.all("b", "s")).toList());
            assertEquals(List.of(stored), engine.readFeed(FeedRange.after(0)).toList());
        }
    }
}
