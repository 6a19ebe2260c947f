/**
 * The MongoDB engine, for {@code mongodb://} and {@code mongodb+srv://} store URIs. Exports nothing: it is found
 * through {@link org.jeventstore.spi.EngineProvider}.
 */
module org.jeventstore.engine.mongo {
    requires org.jeventstore;
    // The driver jars are automatic modules; these are the names their manifests declare.
    requires org.mongodb.driver.sync.client;
    requires org.mongodb.driver.core;
    requires org.mongodb.bson;

    provides org.jeventstore.spi.EngineProvider with org.jeventstore.engine.mongo.MongoEngineProvider;
}
