package org.jeventstore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One stream as a unit of work sees it (NEventStore's optimistic event stream): the events committed so
 * far, and the events and headers added since, which {@link #commitChanges(UUID)} writes as one commit.
 *
 * <p>Not thread-safe: use one per unit of work and close it when done.
 */
public interface EventStream extends AutoCloseable {

    String bucketId();

    String streamId();

    /** The revision of the last committed event this stream holds (0 for a new stream). */
    long streamRevision();

    /** The sequence of the last commit this stream has read or written (0 for a new stream). */
    long commitSequence();

    /** The committed events within the range the stream was opened with, in revision order. */
    List<EventMessage> committedEvents();

    /** The headers of the commits read, later commits overriding earlier ones. */
    Map<String, Object> committedHeaders();

    /** The events added since the last commit. */
    List<EventMessage> uncommittedEvents();

    /** The headers the next commit will carry; modifiable until it commits. */
    Map<String, Object> uncommittedHeaders();

    /** Adds an event to the next commit. */
    EventStream add(EventMessage event);

    /** Adds events to the next commit. */
    default EventStream addAll(Collection<EventMessage> events) {
        events.forEach(this::add);
        return this;
    }

    /**
     * Writes the uncommitted events and headers as one atomic commit.
     *
     * @param commitId the caller's id for this unit of work; sending the same id again is detected
     * @return the stored commit, with its checkpoint
     * @throws ConcurrencyException     if another writer committed to the stream first; this stream has then
     *                                  been refreshed with the newer commits and keeps its uncommitted events,
     *                                  so the caller can decide again and retry
     * @throws DuplicateCommitException if the stream already holds a commit with this id
     * @throws IllegalStateException    if there is nothing to commit, or the stream is closed
     */
    Commit commitChanges(UUID commitId);

    /**
     * {@link #commitChanges(UUID)} on the store's executor. Leave the stream alone until the future completes:
     * a stream is not thread-safe.
     */
    CompletableFuture<Commit> commitChangesAsync(UUID commitId);

    /** Forgets the uncommitted events and headers. */
    void clearChanges();

    /** Ends this unit of work; later changes throw {@link IllegalStateException}. */
    @Override
    void close();
}
