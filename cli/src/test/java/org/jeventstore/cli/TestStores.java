package org.jeventstore.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jeventstore.EventStores;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;

/** Stores for the command tests: URIs of fresh stores, the commits written to them, what their feed holds. */
final class TestStores {

    private TestStores() {
    }

    /** A SQLite file of its own under {@code target/cli-tests}. */
    static String sqliteUri() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "cli-tests"));
            return "jdbc:sqlite:" + dir.resolve("store-" + UUID.randomUUID() + ".db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PersistenceEngine open(String uri) {
        return EventStores.openEngine(uri, EngineOptions.defaults());
    }

    /** The whole feed, without checkpoints (a copy's target gives its own). */
    static List<CommitAttempt> feed(PersistenceEngine engine) {
        try (Stream<CommitRecord> feed = engine.readFeed(FeedRange.after(0))) {
            return feed.map(CommitRecord::attempt).toList();
        }
    }

    /**
     * Three commits per {@code streams}: two buckets, several events, JSON with insignificant spaces, binary
     * and text bodies, headers with '.' and '$'; {@code 2 * streams} streams in all.
     */
    static void fill(PersistenceEngine engine, int streams) {
        for (int i = 0; i < streams; i++) {
            engine.commit(Cli.attempt("default", "cart-" + i, 1, 1, "{\"n\":" + i + "}"));
            engine.commit(new CommitAttempt(i % 2 == 0 ? "default" : "tenant-2", "order-" + i, 3, UUID.randomUUID(), 1,
                    Instant.parse("2025-06-07T08:09:10.111Z"), Cli.utf8("{\"$type\":\"x\",\"a.b\":[1,2]}"), List.of(
                    new EventRecord(Cli.utf8("{\"h\":1}"), new Payload("urn:Placed", Payload.JSON, Cli.utf8("{ \"sp\" : 1 }"))),
                    new EventRecord(Cli.utf8("{}"), new Payload("Blob", "application/octet-stream", new byte[] {0, (byte) i})),
                    new EventRecord(Cli.utf8("{}"), new Payload("Text", "text/plain; charset=utf-8", Cli.utf8("é " + i))))));
            engine.commit(Cli.attempt("default", "cart-" + i, 2, 2, "{\"n\":" + i + "}"));
        }
    }
}
