package org.jeventstore;

/**
 * The backend could not be reached, or refused work for now (throttling): the operation may succeed if
 * retried later. Whether a commit that failed so was written is unknown: retry it with the same commitId, and
 * a {@link DuplicateCommitException} tells that it was.
 */
public class StorageUnavailableException extends StorageException {

    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message) {
        super(message);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
