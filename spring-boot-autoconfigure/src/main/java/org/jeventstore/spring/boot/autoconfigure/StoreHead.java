package org.jeventstore.spring.boot.autoconfigure;

import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.EventStore;

/** The checkpoint of the store's latest commit, 0 for an empty store; reading it checks that the engine answers. */
final class StoreHead {

    private StoreHead() {
    }

    // Until Advanced.lastCheckpoint() lands: walks the feed lazily, page by page, in bounded memory.
    static long read(EventStore store) {
        try (Stream<Commit> feed = store.advanced().readAll(0)) {
            return feed.mapToLong(Commit::checkpoint).reduce(0, (a, b) -> b);
        }
    }
}
