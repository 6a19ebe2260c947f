package org.jeventstore.engine.dynamodb;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.DynamoDbLocal;
import org.junit.jupiter.api.AfterEach;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * An extra run of the kit against LocalStack's DynamoDB, for machines with Docker; skipped cleanly without it.
 * The run that must pass everywhere is {@link DynamoDbEngineTckTest} on DynamoDB Local.
 */
@Testcontainers(disabledWithoutDocker = true)
class DynamoDbLocalStackTckTest extends PersistenceEngineTck {

    @Container
    private static final GenericContainer<?> LOCALSTACK = new GenericContainer<>(
            DockerImageName.parse("localstack/localstack:4.4"))
            .withEnv("SERVICES", "dynamodb")
            .withExposedPorts(4566)
            .waitingFor(Wait.forHttp("/_localstack/health").forPort(4566));

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        DynamoDbLocal.useDummyCredentialsUnlessSet();
        uri = StoreUri.parse(TablePerTest.uri("dynamodb://us-east-1/tck?endpoint=http://" + LOCALSTACK.getHost() + ":"
                + LOCALSTACK.getMappedPort(4566)));
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
