package org.jeventstore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jeventstore.EventStores;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command that opens a store shares: its options and its output. */
@Command(mixinStandardHelpOptions = true)
abstract class StoreCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON Lines (one object a line) instead of a table.")
    boolean json;

    @Option(names = "--verbose", description = "Add the stack trace to an error.")
    boolean verbose;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "500",
            description = "Commits fetched per round trip (default: ${DEFAULT-VALUE}).")
    int pageSize;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    PersistenceEngine open(String uri) {
        return EventStores.openEngine(uri, EngineOptions.defaults().withPageSize(pageSize));
    }

    ObjectNode object() {
        return JSON.createObjectNode();
    }

    void printJson(ObjectNode node) {
        out().println(node.toString());
    }

    static long requireCheckpoint(long checkpoint, String option) {
        if (checkpoint < 0) {
            throw new IllegalArgumentException(option + " must be a checkpoint, 0 or more: " + checkpoint);
        }
        return checkpoint;
    }
}
