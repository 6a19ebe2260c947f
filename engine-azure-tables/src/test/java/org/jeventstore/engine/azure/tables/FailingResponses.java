package org.jeventstore.engine.azure.tables;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fault injection on the HTTP pipeline: while armed, every request is answered with the given status and Azure
 * error code instead of reaching the server, as a throttled or failing service would answer. Everything else
 * goes to the real server.
 */
final class FailingResponses implements HttpPipelinePolicy {

    private final int status;
    private final String errorCode;
    private final AtomicBoolean armed = new AtomicBoolean();

    FailingResponses(int status, String errorCode) {
        this.status = status;
        this.errorCode = errorCode;
    }

    void arm() {
        armed.set(true);
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return armed.get() ? Mono.just(response(context.getHttpRequest())) : next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        return armed.get() ? response(context.getHttpRequest()) : next.processSync();
    }

    HttpResponse response(HttpRequest request) {
        byte[] body = ("{\"odata.error\":{\"code\":\"" + errorCode + "\",\"message\":{\"lang\":\"en-US\","
                + "\"value\":\"injected\"}}}").getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = new HttpHeaders()
                .set(HttpHeaderName.CONTENT_TYPE, "application/json;odata=minimalmetadata")
                .set(HttpHeaderName.fromString("x-ms-error-code"), errorCode)
                .set(HttpHeaderName.CONTENT_LENGTH, String.valueOf(body.length));
        return new HttpResponse(request) {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            @Deprecated
            public String getHeaderValue(String name) {
                return headers.getValue(HttpHeaderName.fromString(name));
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<ByteBuffer> getBody() {
                return Flux.just(ByteBuffer.wrap(body));
            }

            @Override
            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.just(body);
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.just(new String(body, StandardCharsets.UTF_8));
            }

            @Override
            public Mono<String> getBodyAsString(Charset charset) {
                return Mono.just(new String(body, charset));
            }
        };
    }
}
