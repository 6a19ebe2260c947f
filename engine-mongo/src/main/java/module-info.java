/**
 * The MongoDB engine, for {@code mongodb://} and {@code mongodb+srv://} store URIs, found through
 * {@link org.jeventstore.spi.EngineProvider}. Exports its package for {@code MongoEngines}, which opens engines over
 * the application's own client (the driver's types are therefore part of its API: {@code requires transitive}).
 */
module org.jeventstore.engine.mongo {
    requires org.jeventstore;
    // The driver jars are automatic modules; these are the names their manifests declare.
    requires transitive org.mongodb.driver.sync.client;
    requires transitive org.mongodb.driver.core;
    requires org.mongodb.bson;

    exports org.jeventstore.engine.mongo;

    provides org.jeventstore.spi.EngineProvider with org.jeventstore.engine.mongo.MongoEngineProvider;
}
