package org.jeventstore.engine.mongo;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;

/** Records the names of the commands a client sends, through the driver's own {@link CommandListener}. */
final class CommandCounter implements CommandListener {

    private final List<String> names = new ArrayList<>();

    @Override
    public synchronized void commandStarted(CommandStartedEvent event) {
        names.add(event.getCommandName());
    }

    /** The commands sent since the last call, in order. */
    synchronized List<String> take() {
        List<String> taken = List.copyOf(names);
        names.clear();
        return taken;
    }
}
