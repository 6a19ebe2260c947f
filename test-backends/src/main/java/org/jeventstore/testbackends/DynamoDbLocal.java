package org.jeventstore.testbackends;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local, in-process and in memory, started once per JVM on first use and stopped when the JVM exits.
 * The engine finds credentials through the SDK's default chain; DynamoDB Local accepts any, so dummy ones are
 * set as system properties (the chain's first source) unless real ones are already there.
 */
public final class DynamoDbLocal {

    private static final String REGION = "us-east-1";
    private static int port;

    private DynamoDbLocal() {
    }

    /** The endpoint of the running server, starting it if needed. */
    public static synchronized String endpoint() {
        if (port == 0) {
            start();
        }
        return "http://127.0.0.1:" + port;
    }

    /** A store URI for a table of its own, created by the engine. */
    public static String freshUri() {
        return uri("t-" + UUID.randomUUID(), true);
    }

    public static String uri(String table, boolean createTable) {
        return "dynamodb://" + REGION + "/" + table + "?endpoint=" + endpoint() + "&createTable=" + createTable;
    }

    /** A raw SDK client on the server, for tests that look at the items themselves. */
    public static DynamoDbClient client() {
        return DynamoDbClient.builder().region(Region.of(REGION)).endpointOverride(URI.create(endpoint()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Dummy credentials for emulators, as system properties (the default chain's first source), unless set. */
    public static void useDummyCredentialsUnlessSet() {
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "dummy"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "dummy"));
    }

    private static void start() {
        useDummyCredentialsUnlessSet();
        // -port 0 cannot be read back, so a free port is picked first
        int free;
        try (ServerSocket socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(free)});
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception e) {
                    // the JVM is exiting; nothing is left to clean up
                }
            }, "dynamodb-local-stop"));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
        port = free;
    }
}
