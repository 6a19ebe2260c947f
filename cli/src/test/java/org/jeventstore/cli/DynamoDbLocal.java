package org.jeventstore.cli;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * DynamoDB Local, in-process and in memory, as engine-dynamodb's tests use: started once per test JVM on first
 * use, stopped when the JVM exits. It accepts any credentials; the engine finds them through the SDK's default
 * chain, whose first source is system properties, so dummy ones are set there unless real ones are.
 */
final class DynamoDbLocal {

    private static int port;

    private DynamoDbLocal() {
    }

    /** A store URI for a table of its own, created by the engine. */
    static synchronized String freshUri() {
        if (port == 0) {
            start();
        }
        return "dynamodb://us-east-1/t-" + UUID.randomUUID() + "?endpoint=http://127.0.0.1:" + port
                + "&createTable=true";
    }

    private static void start() {
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "dummy"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "dummy"));
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
