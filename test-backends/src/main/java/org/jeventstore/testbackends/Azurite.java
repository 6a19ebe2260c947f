package org.jeventstore.testbackends;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Azurite, the official Azure Storage emulator, started once per test JVM: installed with npm under
 * {@code target/azurite} on first use, then run with {@code node} directly (npx would leave an orphan) on a free
 * port with in-memory persistence. Its process tree is destroyed when the test run ends (JUnit closes the root
 * store's resource) or, failing that, by a shutdown hook.
 */
public final class Azurite implements BeforeAllCallback {

    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(5);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private static Process server;
    private static int port;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Azurite.class, key -> (AutoCloseable) Azurite::stop);
    }

    /** A store URI of a new table on the running Azurite, created on open. */
    public static String newTableUri() {
        return tableUri("t" + UUID.randomUUID().toString().replace("-", ""), "create=true");
    }

    public static String tableUri(String table, String options) {
        start();
        return "azure-tables://127.0.0.1:" + port + "/devstoreaccount1/" + table + (options.isEmpty() ? "" : "?" + options);
    }

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Path dir = Path.of(System.getProperty("azurite.dir", "target/azurite")).toAbsolutePath();
            Path main = dir.resolve("node_modules/azurite/dist/src/table/main.js");
            if (!Files.exists(main)) {
                install(dir);
            }
            port = freePort();
            server = new ProcessBuilder("node", main.toString(), "--tableHost", "127.0.0.1",
                    "--tablePort", String.valueOf(port), "--inMemoryPersistence", "--disableTelemetry",
                    "--skipApiVersionCheck")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("azurite.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(Azurite::stop, "azurite-stop"));
            awaitPort(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Azurite could not be started", e);
        }
    }

    public static synchronized void stop() {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            try {
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.descendants().forEach(ProcessHandle::destroyForcibly);
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    private static void install(Path dir) throws IOException {
        Files.createDirectories(dir);
        String version = System.getProperty("azurite.version", "3.37.0");
        Process npm = new ProcessBuilder(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund",
                "--prefix", dir.toString(), "azurite@" + version))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("npm-install.log").toFile())
                .start();
        try {
            if (!npm.waitFor(INSTALL_LIMIT.toSeconds(), TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install azurite@" + version + " failed; see "
                        + dir.resolve("npm-install.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing Azurite", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls until Azurite accepts connections, within {@link #START_LIMIT}. */
    private static void awaitPort(Path dir) {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Azurite exited with " + server.exitValue() + "; see "
                        + dir.resolve("azurite.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        stop();
        throw new IllegalStateException("Azurite did not listen on port " + port + " within " + START_LIMIT
                + "; see " + dir + File.separator + "azurite.log");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Azurite", e);
        }
    }
}
