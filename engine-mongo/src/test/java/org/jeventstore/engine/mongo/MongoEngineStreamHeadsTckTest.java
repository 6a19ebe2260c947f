package org.jeventstore.engine.mongo;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.InProcessMongo;

/** The whole kit with {@code streamHeads=true}: heads kept in the C# {@code Streams} collection. */
class MongoEngineStreamHeadsTckTest extends PersistenceEngineTck {

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse(InProcessMongo.freshUri() + "?streamHeads=true");
        return new MongoEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new MongoEngineProvider().open(uri, options);
    }
}
