package org.jeventstore;

/**
 * A {@link PipelineHook} refused a commit in {@link PipelineHook#preCommit}: nothing was written.
 */
public class CommitVetoedException extends EventStoreException {

    private static final long serialVersionUID = 1L;

    public CommitVetoedException(String message) {
        super(message);
    }

    public CommitVetoedException(String message, Throwable cause) {
        super(message, cause);
    }
}
