package org.jeventstore.engine.dynamodb;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.DynamoDbLocal;

/** The whole kit on DynamoDB Local: a table of its own per test, created by the engine (createTable=true). */
class DynamoDbEngineTckTest extends PersistenceEngineTck {

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse(DynamoDbLocal.freshUri());
        return new DynamoDbEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new DynamoDbEngineProvider().open(uri, options);
    }
}
