package org.jeventstore.cli;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.UUID;

/**
 * A MongoDB wire-protocol server (mongo-java-server, in memory), as engine-mongo's tests use: started once per
 * test JVM on a free loopback port the first time a test asks, stopped when the JVM exits.
 */
final class InProcessMongo {

    private static String baseUri;

    private InProcessMongo() {
    }

    /** A URI naming a database no other test uses. */
    static synchronized String freshUri() {
        if (baseUri == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            baseUri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-java-server-stop"));
        }
        return baseUri + "/t_" + UUID.randomUUID().toString().replace("-", "");
    }
}
