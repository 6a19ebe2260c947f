package org.jeventstore.engine.mongo;

import com.mongodb.MongoClientException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.Set;
import java.util.function.Supplier;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;

/**
 * Maps driver failures to the store's exceptions, by exception type, error code and error label, never by message
 * text. Messages name the operation, the store (secrets masked) and the server's error code; the driver's own
 * exception stays attached as the cause (the driver never prints passwords).
 */
final class Failures {

    /**
     * Server error codes that mean "not now, maybe later": shutdown, stepdown, not primary, network, time limits,
     * a write concern not satisfied in time (64: the write may or may not persist, as for a lost connection),
     * and 16500, the request-rate throttling of Azure Cosmos DB's MongoDB API.
     */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(6, 7, 50, 64, 89, 91, 189, 262, 9001, 10107, 11600,
            11602, 13435, 13436, 16500);

    private Failures() {
    }

    /** Runs {@code call}, translating driver failures. */
    static <T> T call(String operation, String store, Supplier<T> call) {
        try {
            return call.get();
        } catch (MongoException e) {
            throw translate(operation, store, e);
        }
    }

    /** Runs {@code call}, translating driver failures. */
    static void run(String operation, String store, Runnable call) {
        try {
            call.run();
        } catch (MongoException e) {
            throw translate(operation, store, e);
        }
    }

    static StorageException translate(String operation, String store, MongoException e) {
        String message = "MongoDB " + operation + " failed on " + store + " (" + e.getClass().getSimpleName()
                + (e.getCode() > 0 ? ", code " + e.getCode() : "") + ")";
        return unavailable(e) ? new StorageUnavailableException(message, e) : new StorageException(message, e);
    }

    private static boolean unavailable(MongoException e) {
        return e instanceof MongoSocketException
                || e instanceof MongoTimeoutException
                || e instanceof MongoExecutionTimeoutException
                || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoInterruptedException
                || (e instanceof MongoClientException && !(e instanceof MongoSecurityException)
                    && e.getCause() instanceof MongoSocketException)
                || e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || e.hasErrorLabel("RetryableWriteError")
                || UNAVAILABLE_CODES.contains(e.getCode());
    }
}
