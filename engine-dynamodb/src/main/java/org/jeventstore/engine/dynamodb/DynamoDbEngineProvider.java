package org.jeventstore.engine.dynamodb;

import java.util.List;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Opens DynamoDB engines for {@code dynamodb://<region>/<table>} URIs; see docs/engines/dynamodb.md. */
public final class DynamoDbEngineProvider implements EngineProvider {

    /** For {@link java.util.ServiceLoader}. */
    public DynamoDbEngineProvider() {
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public boolean supports(StoreUri uri) {
        return DynamoDbSettings.SCHEME.equals(uri.scheme());
    }

    @Override
    public PersistenceEngine open(StoreUri uri, EngineOptions options) {
        return open(uri, options, List.of());
    }

    /** Opens an engine whose client also runs {@code interceptors}: tests count requests with one. */
    static DynamoDbEngine open(StoreUri uri, EngineOptions options, List<ExecutionInterceptor> interceptors) {
        return DynamoDbEngine.open(DynamoDbSettings.parse(uri), options, interceptors);
    }
}
