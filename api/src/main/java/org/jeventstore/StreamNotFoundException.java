package org.jeventstore;

/**
 * A stream was opened from a revision above zero but holds no such events.
 */
public class StreamNotFoundException extends EventStoreException {

    private static final long serialVersionUID = 1L;

    public StreamNotFoundException(String message) {
        super(message);
    }

    public StreamNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
