package org.jeventstore;

/**
 * A commit lost a race: its commit sequence or revision range is already taken in the stream. Nothing
 * was written. An {@link EventStream} that throws it has refreshed itself with the winning commits; re-apply
 * the command's decision to the new state and commit again.
 */
public class ConcurrencyException extends EventStoreException {

    private static final long serialVersionUID = 1L;

    public ConcurrencyException(String message) {
        super(message);
    }

    public ConcurrencyException(String message, Throwable cause) {
        super(message, cause);
    }
}
