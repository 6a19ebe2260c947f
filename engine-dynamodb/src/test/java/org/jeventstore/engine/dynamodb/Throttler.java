package org.jeventstore.engine.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Fault injection: while on, turns every real response of DynamoDB Local into the throttling error DynamoDB
 * sends when a partition is over its capacity, so that the SDK's retry policy and our mapping are exercised
 * against the real wire protocol.
 */
final class Throttler implements ExecutionInterceptor {

    private static final String BODY = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + "ProvisionedThroughputExceededException\",\"message\":\"injected by the test\"}";

    private volatile boolean on;

    void on() {
        on = true;
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!on) {
            return context.httpResponse();
        }
        return context.httpResponse().toBuilder().statusCode(400).statusText("Bad Request")
                .removeHeader("x-amz-crc32").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        if (!on) {
            return context.responseBody();
        }
        return Optional.of(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8)));
    }
}
