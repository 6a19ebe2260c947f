package org.jeventstore.examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jeventstore.Commit;

/**
 * Stands in for a message bus: the dispatcher publishes every commit here. A real bus would be Kafka, a JMS
 * queue or similar; what matters is that publishing is idempotent per commit, because delivery is at least
 * once.
 */
final class InProcessBus {

    private final List<Commit> published = new CopyOnWriteArrayList<>();

    void publish(Commit commit) {
        boolean redelivery = published.stream().anyMatch(c -> c.checkpoint() == commit.checkpoint());
        if (!redelivery) {
            published.add(commit);
        }
    }

    List<Commit> published() {
        return List.copyOf(published);
    }
}
