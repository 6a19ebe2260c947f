package org.jeventstore;

/**
 * The backend failed in a way the store cannot recover from by itself.
 */
public class StorageException extends EventStoreException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
