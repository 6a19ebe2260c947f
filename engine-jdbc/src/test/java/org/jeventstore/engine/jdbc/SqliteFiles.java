package org.jeventstore.engine.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** SQLite database files of the tests, each new, under {@code target/sqlite/}. */
final class SqliteFiles {

    private SqliteFiles() {
    }

    static Path freshFile() {
        Path dir = Path.of("target", "sqlite");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(UUID.randomUUID() + ".db");
    }

    static String freshUri() {
        return "jdbc:sqlite:" + freshFile();
    }
}
