package org.jeventstore;

/**
 * A commit, event or snapshot is larger than the engine can store (for example DynamoDB's 400 KB items
 * after splitting, Azure Tables' 1 MiB entities, MongoDB's 16 MB documents). Thrown before anything is
 * written; the message names the limit and the size.
 */
public class PayloadTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
