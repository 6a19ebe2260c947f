package org.jeventstore;

import java.util.Optional;

/**
 * Intercepts commits on their way in and out of the store (NEventStore's pipeline hooks). Every method has
 * a default that does nothing, so a hook overrides only what it needs. Hooks run in the order registered.
 */
public interface PipelineHook {

    /**
     * Called for every commit read; may return it changed, or empty to hide it from the reader.
     */
    default Optional<Commit> select(Commit committed) {
        return Optional.of(committed);
    }

    /**
     * Called before a commit is written (its checkpoint is still 0). Returning {@code false} vetoes it: nothing
     * is written and the committer gets a {@link CommitVetoedException}.
     */
    default boolean preCommit(Commit attempt) {
        return true;
    }

    /** Called after a commit is written. An exception here does not undo the commit. */
    default void postCommit(Commit committed) {
    }

    /** Called after every bucket was purged. */
    default void onPurge() {
    }

    /** Called after one bucket was purged. */
    default void onPurge(String bucketId) {
    }

    /** Called after a stream was deleted. */
    default void onDeleteStream(String bucketId, String streamId) {
    }
}
