package org.jeventstore.engine.mongo;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;

/** Keeps a copy of every command a client sends, through the driver's own {@link CommandListener}. */
final class CommandRecorder implements CommandListener {

    private final List<BsonDocument> commands = new ArrayList<>();

    @Override
    public synchronized void commandStarted(CommandStartedEvent event) {
        // the event's document is only valid during the call
        commands.add(event.getCommand().clone());
    }

    /** The commands sent since the last call, in order. */
    synchronized List<BsonDocument> take() {
        List<BsonDocument> taken = List.copyOf(commands);
        commands.clear();
        return taken;
    }

    /** The commands named {@code name} sent since the last {@link #take()}, which this call is. */
    List<BsonDocument> take(String name) {
        return take().stream().filter(command -> command.getFirstKey().equals(name)).toList();
    }
}
