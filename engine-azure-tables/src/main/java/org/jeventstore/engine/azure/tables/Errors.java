package org.jeventstore.engine.azure.tables;

import com.azure.core.exception.AzureException;
import com.azure.core.exception.HttpResponseException;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jeventstore.EventStoreException;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;

/**
 * Maps SDK failures to the store's exceptions by error code and HTTP status, never by message text. Messages
 * name the operation and the code only: SDK messages may carry request details.
 */
final class Errors {

    /** Busy, throttled or timed out: a retry may succeed. */
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);
    private static final Set<TableErrorCode> RETRYABLE_CODES = Set.of(TableErrorCode.OPERATION_TIMED_OUT,
            TableErrorCode.ACCOUNT_IOPS_LIMIT_EXCEEDED, TableErrorCode.TABLE_BEING_DELETED);

    private Errors() {
    }

    /** The Azure error code of a service failure, or {@code null}. */
    static TableErrorCode code(TableServiceException e) {
        return e.getValue() == null ? null : e.getValue().getErrorCode();
    }

    /** Whether {@code e} is a service failure with this code. */
    static boolean is(RuntimeException e, TableErrorCode code) {
        return e instanceof TableServiceException tse && code.equals(code(tse));
    }

    /**
     * The store's exception for an SDK failure; anything that is not the SDK's (the store's own exceptions, bad
     * input, a test's simulated crash) passes through unchanged.
     */
    /** Runs a call to Azure, mapping its failures with {@link #map}. */
    static <T> T guard(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw map(operation, e);
        }
    }

    /** Whether a conditional (ETag) write failed because the entity changed. */
    static boolean isConditionFailed(RuntimeException e) {
        return is(e, TableErrorCode.UPDATE_CONDITION_NOT_SATISFIED)
                || (e instanceof TableServiceException tse && tse.getResponse() != null
                && tse.getResponse().getStatusCode() == 412);
    }

    /** Whether an insert failed because the entity exists (409), not because the table is being deleted. */
    static boolean isAlreadyExists(RuntimeException e) {
        return is(e, TableErrorCode.ENTITY_ALREADY_EXISTS)
                || (e instanceof TableServiceException tse && tse.getResponse() != null
                && tse.getResponse().getStatusCode() == 409 && !is(e, TableErrorCode.TABLE_BEING_DELETED));
    }

    static RuntimeException map(String operation, RuntimeException e) {
        if (e instanceof TableServiceException tse) {
            TableErrorCode code = code(tse);
            int status = tse.getResponse() == null ? -1 : tse.getResponse().getStatusCode();
            String what = operation + " failed: " + (code == null ? "HTTP " + status : code);
            if (RETRYABLE_STATUS.contains(status) || (code != null && RETRYABLE_CODES.contains(code))) {
                return new StorageUnavailableException(what + " (Azure Tables is busy or unreachable)", e);
            }
            return new StorageException(what, e);
        }
        if (e instanceof EventStoreException || !(e instanceof AzureException || hasIoCause(e))) {
            return e;
        }
        if (hasIoCause(e)) {
            return new StorageUnavailableException(operation + " failed: Azure Tables cannot be reached", e);
        }
        if (e instanceof HttpResponseException http && http.getResponse() != null
                && RETRYABLE_STATUS.contains(http.getResponse().getStatusCode())) {
            return new StorageUnavailableException(operation + " failed: HTTP " + http.getResponse().getStatusCode()
                    + " (Azure Tables is busy or unreachable)", e);
        }
        return new StorageException(operation + " failed: " + e.getClass().getSimpleName(), e);
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
