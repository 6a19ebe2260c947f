package org.jeventstore.engine.azure.tables;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** Counts the HTTP requests a client sends (retries included: it sits after the SDK's retry policy). */
final class RequestCounter implements HttpPipelinePolicy {

    private final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        record(context);
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        record(context);
        return next.processSync();
    }

    private void record(HttpPipelineCallContext context) {
        String path = context.getHttpRequest().getUrl().getPath();
        requests.add(context.getHttpRequest().getHttpMethod() + " " + path.substring(path.lastIndexOf('/') + 1));
    }

    int count() {
        return requests.size();
    }

    /** The requests since the last reset, as "METHOD last-path-segment". */
    List<String> requests() {
        return List.copyOf(requests);
    }

    void reset() {
        requests.clear();
    }
}
