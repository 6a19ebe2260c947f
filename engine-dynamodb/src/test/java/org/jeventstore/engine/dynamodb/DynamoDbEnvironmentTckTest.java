package org.jeventstore.engine.dynamodb;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * An extra run of the kit against the DynamoDB named by {@value #VARIABLE}, for example
 * {@code dynamodb://eu-west-1/jeventstore-tck} (credentials from the SDK's default chain). Every test creates
 * a table named after the URI's, with a random suffix, and deletes it afterwards: on AWS that takes seconds per
 * test and costs on-demand capacity, so point it at a test account.
 */
@EnabledIfEnvironmentVariable(named = DynamoDbEnvironmentTckTest.VARIABLE, matches = ".+")
class DynamoDbEnvironmentTckTest extends PersistenceEngineTck {

    static final String VARIABLE = "JEVENTSTORE_DYNAMODB_URI";

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse(TablePerTest.uri(System.getenv(VARIABLE)));
        return new DynamoDbEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new DynamoDbEngineProvider().open(uri, options);
    }

    @AfterEach
    void dropTable() {
        reopenEngine(EngineOptions.defaults()).drop();
    }
}
