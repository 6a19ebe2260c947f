package org.jeventstore.engine.mongo;

import java.util.UUID;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * An extra run of the whole kit against a real MongoDB (a single-node replica set, so that majority writes are
 * real) where Docker is available; skipped cleanly where it is not, as on the build machines.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoEngineTestcontainersTckTest extends PersistenceEngineTck {

    @Container
    private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse(MONGO.getReplicaSetUrl("tck_" + UUID.randomUUID().toString().replace("-", "")));
        return new MongoEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new MongoEngineProvider().open(uri, options);
    }
}
