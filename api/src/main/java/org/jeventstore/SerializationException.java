package org.jeventstore;

/**
 * An event, header or snapshot could not be serialized (nothing was written), or stored bytes could not be
 * read back as their registered type.
 */
public class SerializationException extends EventStoreException {

    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
