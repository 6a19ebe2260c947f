package org.jeventstore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "positions", description = {"The durable positions of dispatchers and named subscriptions.",
        "Parked commits are listed too, as <name>/parked/<checkpoint>."},
        subcommands = {PositionsCommand.Set.class, PositionsCommand.Delete.class, PositionsCommand.Parked.class})
final class PositionsCommand extends StoreCommand {

    private static final String PARKED = "/parked/";

    // Optional only so that picocli does not ask for it before "set", "delete" or "parked"; call() requires it.
    @Parameters(paramLabel = "URI", arity = "0..1", description = "The store.")
    String uri;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Only names starting with P.")
    String prefix;

    @Override
    public Integer call() {
        if (uri == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'URI'");
        }
        try (PersistenceEngine engine = open(uri);
             Each<Position> positions = Each.of(engine.positions().list(prefix))) {
            if (!json) {
                out().printf("%-60s %19s  %s%n", "NAME", "CHECKPOINT", "LEASE");
            }
            for (Position position : positions) {
                print(this, position);
            }
        }
        return 0;
    }

    static void print(StoreCommand command, Position position) {
        if (command.json) {
            ObjectNode node = command.object();
            node.put("name", position.name());
            node.put("checkpoint", position.checkpoint());
            node.put("lease", position.lease());
            command.printJson(node);
        } else {
            command.out().printf("%-60s %19d  %s%n", Printable.of(position.name()), position.checkpoint(),
                    Printable.of(position.lease()));
        }
    }

    @Command(name = "set", description = {"Stores a position, e.g. to start a dispatcher after history instead of "
            + "redelivering it all.", "Stop the subscription's processes first: a held lease is refused unless --force."})
    static final class Set extends StoreCommand {

        @Parameters(index = "0", paramLabel = "URI", description = "The store.")
        String uri;

        @Parameters(index = "1", paramLabel = "NAME", description = "The dispatcher's or subscription's name.")
        String name;

        @Parameters(index = "2", paramLabel = "CHECKPOINT", description = "The last checkpoint delivered.")
        long checkpoint;

        @Option(names = "--force", description = "Replace the position even if a process holds its lease.")
        boolean force;

        @Override
        public Integer call() {
            Position next = new Position(name, requireCheckpoint(checkpoint, "CHECKPOINT"));
            try (PersistenceEngine engine = open(uri)) {
                Optional<Position> current = engine.positions().get(name);
                if (current.isPresent() && !current.get().lease().isEmpty() && !force) {
                    throw new IllegalStateException("Position " + name + " is leased by '" + current.get().lease()
                            + "'; stop that process, or pass --force");
                }
                if (!engine.positions().replace(current.orElse(null), next)) {
                    throw new IllegalStateException("Position " + name + " changed while it was being set; try again");
                }
                print(this, next);
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Removes a position: its subscription starts again from the beginning.")
    static final class Delete extends StoreCommand {

        @Parameters(index = "0", paramLabel = "URI", description = "The store.")
        String uri;

        @Parameters(index = "1", paramLabel = "NAME", description = "The position's name.")
        String name;

        @Override
        public Integer call() {
            try (PersistenceEngine engine = open(uri)) {
                if (engine.positions().get(name).isEmpty()) {
                    throw new IllegalArgumentException("No position named " + name);
                }
                engine.positions().delete(name);
            }
            out().println("deleted " + Printable.of(name));
            return 0;
        }
    }

    @Command(name = "parked", description = "The commits a subscription parked (its dead letters), with their streams.")
    static final class Parked extends StoreCommand {

        @Parameters(index = "0", paramLabel = "URI", description = "The store.")
        String uri;

        @Parameters(index = "1", paramLabel = "NAME", description = "The subscription's name.")
        String name;

        @Override
        public Integer call() {
            try (PersistenceEngine engine = open(uri);
                 Each<Position> parked = Each.of(engine.positions().list(name + PARKED))) {
                if (!json) {
                    out().printf("%19s  %s%n", "CHECKPOINT", "COMMIT");
                }
                for (Position position : parked) {
                    long checkpoint = position.checkpoint();
                    Optional<CommitRecord> commit = commitAt(engine, checkpoint);
                    if (json) {
                        ObjectNode node = commit.map(Commits::toJson).orElseGet(this::object);
                        node.put("checkpoint", checkpoint);
                        node.put("present", commit.isPresent());
                        printJson(node);
                    } else {
                        out().printf("%19d  %s%n", checkpoint, commit.map(c -> Printable.of(c.bucketId() + "/"
                                + c.streamId()) + " seq " + c.commitSequence() + " " + c.commitId())
                                .orElse("(no longer in the store)"));
                    }
                }
            }
            return 0;
        }

        private static Optional<CommitRecord> commitAt(PersistenceEngine engine, long checkpoint) {
            if (checkpoint < 1) {
                return Optional.empty();
            }
            try (Stream<CommitRecord> feed = engine.readFeed(new FeedRange(null, checkpoint - 1, checkpoint))) {
                return feed.findFirst();
            }
        }
    }
}
