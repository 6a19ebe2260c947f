package org.jeventstore;

/**
 * The stream already holds a commit with this commitId: the same work was committed before (for example
 * a message delivered twice by an at-least-once queue). Nothing was written; it is safe to acknowledge the
 * message.
 */
public class DuplicateCommitException extends EventStoreException {

    private static final long serialVersionUID = 1L;

    public DuplicateCommitException(String message) {
        super(message);
    }

    public DuplicateCommitException(String message, Throwable cause) {
        super(message, cause);
    }
}
