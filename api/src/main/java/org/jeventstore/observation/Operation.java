package org.jeventstore.observation;

import java.util.Locale;

/**
 * What the store does that a {@link StoreObserver} is told of. Most operations run on the calling thread from
 * start to end; the {@link #lazy()} ones are lazy reads, which end when the returned stream is exhausted, fails
 * or is closed, perhaps on another thread.
 */
public enum Operation {
    /** {@code EventStream.commitChanges}: the pre-commit hooks, the write, the post-commit hooks and, for a
     *  synchronous dispatcher, the wait for the dispatch — all the caller waits for. */
    COMMIT(false),
    /** {@code EventStore.openStream}, from a revision range or a snapshot: reading the stream's commits. */
    OPEN_STREAM(false),
    /** {@code Advanced.readStream}: from the call to the end of the returned stream. */
    READ_STREAM(true),
    /** {@code Advanced.readAll}, {@code readFrom}, {@code readBetween}: from the call to the end of the returned stream. */
    READ_FEED(true),
    /** One page of the feed read by a subscription or the dispatcher. */
    READ_FEED_PAGE(false),
    /** {@code Advanced.snapshot}. */
    READ_SNAPSHOT(false),
    /** {@code Advanced.addSnapshot}. */
    ADD_SNAPSHOT(false);

    private final boolean lazy;
    private final String operationName;

    Operation(boolean lazy) {
        this.lazy = lazy;
        this.operationName = name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the operation is a lazy read: it ends when its stream ends, maybe on another thread than the one
     * that started it, so an observer must not tie it to the starting thread (a tracing scope, for example).
     */
    public boolean lazy() {
        return lazy;
    }

    /** The name in lower case with underscores, such as {@code read_feed_page}: a stable value for metric keys. */
    public String operationName() {
        return operationName;
    }
}
