package org.jeventstore.engine.mongo;

import java.util.UUID;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * An extra run of the whole kit against any MongoDB named by {@value #VARIABLE}: a connection string without a
 * database (for example {@code mongodb://user:pw@host:27017/?authSource=admin}); each test gets a fresh
 * collection prefix in the database {@code jeventstore_tck}, and the collections are left for inspection.
 */
@EnabledIfEnvironmentVariable(named = MongoEngineEnvironmentTckTest.VARIABLE, matches = ".+")
class MongoEngineEnvironmentTckTest extends PersistenceEngineTck {

    static final String VARIABLE = "JEVENTSTORE_TEST_MONGO_URI";

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        String base = System.getenv(VARIABLE);
        int query = base.indexOf('?');
        String hosts = (query < 0 ? base : base.substring(0, query)).replaceAll("/+$", "");
        String parameters = query < 0 ? "" : base.substring(query + 1);
        String prefix = "tck_" + UUID.randomUUID().toString().replace("-", "") + "_";
        uri = StoreUri.parse(hosts + "/jeventstore_tck?" + (parameters.isEmpty() ? "" : parameters + "&")
                + MongoSettings.COLLECTION_PREFIX + "=" + prefix);
        return new MongoEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new MongoEngineProvider().open(uri, options);
    }
}
