package org.jeventstore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jeventstore.EventStores;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.StoreUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Engine, capabilities, last checkpoint and the number of positions.")
final class InfoCommand extends StoreCommand {

    @Parameters(paramLabel = "URI", description = "The store, e.g. memory:demo or jdbc:sqlite:shop.db")
    String uri;

    @Override
    public Integer call() {
        String engineName = EventStores.find(uri).map(EngineProvider::name).orElse("?");
        try (PersistenceEngine engine = open(uri)) {
            String capabilities = engine.capabilities().stream().map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new)).toString();
            long last = engine.lastCheckpoint();
            long positions;
            try (Stream<Position> all = engine.positions().list("")) {
                positions = all.count();
            }
            if (json) {
                ObjectNode node = object();
                node.put("uri", StoreUri.parse(uri).toString());
                node.put("engine", engineName);
                node.putPOJO("capabilities", engine.capabilities().stream().map(Enum::name).sorted().toList());
                node.put("lastCheckpoint", last);
                node.put("positions", positions);
                printJson(node);
            } else {
                out().printf("uri              %s%n", StoreUri.parse(uri));
                out().printf("engine           %s%n", engineName);
                out().printf("capabilities     %s%n", capabilities);
                out().printf("last checkpoint  %d%n", last);
                out().printf("positions        %d%n", positions);
            }
        }
        return 0;
    }
}
