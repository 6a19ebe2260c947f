package org.jeventstore.testbackends;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * A MongoDB wire-protocol server (mongo-java-server, in memory) started once per test JVM on a free loopback
 * port, the first time a test asks for it, and stopped when the JVM exits. No mongod can be had on the build
 * machines; the real server runs in the Testcontainers and environment-variable runs.
 */
public final class InProcessMongo {

    private static MongoServer server;
    private static String baseUri;

    private InProcessMongo() {
    }

    /** {@code mongodb://127.0.0.1:<port>}, without a database. */
    public static synchronized String baseUri() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            baseUri = "mongodb://127.0.0.1:" + address.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-java-server-stop"));
        }
        return baseUri;
    }

    /** Stops the server now, for a main program whose JVM should not wait for the server's threads. */
    public static synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    /** A URI naming a database no other test uses. */
    public static String freshUri() {
        return baseUri() + "/" + freshDatabase();
    }

    public static String freshDatabase() {
        return "t_" + UUID.randomUUID().toString().replace("-", "");
    }
}
