package org.jeventstore.engine.jdbc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A child JVM of {@link SqliteTwoProcessTest} that takes a SQLite file's write lock ({@code BEGIN IMMEDIATE}),
 * says "holding", and keeps it until it reads a line: another application's long write transaction.
 */
final class SqliteLockHolderProcess {

    private SqliteLockHolderProcess() {
    }

    /** {@code <jdbc:sqlite: url>}. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            out.println("holding");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            s.execute("ROLLBACK");
        }
        out.println("released");
    }
}
