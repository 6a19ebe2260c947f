package org.jeventstore;

/**
 * The root of every exception the store and its engines throw for a reason of their own (bad
 * arguments throw {@link IllegalArgumentException} or {@link NullPointerException}, before anything is written).
 */
public class EventStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventStoreException(String message) {
        super(message);
    }

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
