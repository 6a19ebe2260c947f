package org.jeventstore.subscription;

import java.util.Map;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;

/**
 * Where an event handled by an {@link EventRouter} comes from.
 *
 * @param commit         the commit holding the event
 * @param message        the event with its headers
 * @param streamRevision the event's revision in its stream
 */
public record EventContext(Commit commit, EventMessage message, long streamRevision) {

    public String bucketId() {
        return commit.bucketId();
    }

    public String streamId() {
        return commit.streamId();
    }

    public long checkpoint() {
        return commit.checkpoint();
    }

    public Map<String, Object> headers() {
        return message.headers();
    }
}
