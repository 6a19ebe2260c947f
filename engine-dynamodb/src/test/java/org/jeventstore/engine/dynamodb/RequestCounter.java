package org.jeventstore.engine.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the operation of every HTTP request the SDK sends, retries included: {@code beforeTransmission}
 * runs once per attempt on the wire, so this counts round trips, not API calls.
 */
final class RequestCounter implements ExecutionInterceptor {

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** The operations sent since the last reset, in order. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    void reset() {
        sent.clear();
    }
}
