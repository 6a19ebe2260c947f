package org.jeventstore;

/**
 * No engine on the class path (or module path) supports the store URI. The message names the URI with
 * secrets masked, the engines available and the artifact to add.
 */
public class EngineNotFoundException extends EventStoreException {

    private static final long serialVersionUID = 1L;

    public EngineNotFoundException(String message) {
        super(message);
    }

    public EngineNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
