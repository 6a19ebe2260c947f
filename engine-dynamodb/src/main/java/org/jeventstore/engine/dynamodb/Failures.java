package org.jeventstore.engine.dynamodb;

import java.util.Set;
import org.jeventstore.EventStoreException;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into the store's exceptions, by error code and HTTP status, never by message text. The
 * SDK has already retried throttling and transient errors with back-off when one of these reaches us.
 */
final class Failures {

    /** Codes that mean "try again later": throttling, capacity, or a service-side hiccup. */
    private static final Set<String> RETRYABLE = Set.of(
            "ThrottlingException", "Throttling", "ProvisionedThroughputExceededException",
            "RequestLimitExceeded", "InternalServerError", "InternalFailure", "ServiceUnavailable",
            "TransactionInProgressException", "LimitExceededException");

    /** Cancellation reason codes that mean the same. */
    static final Set<String> RETRYABLE_REASONS = Set.of(
            "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded", "TransactionConflict");

    private Failures() {
    }

    /** The store's exception for a failed call; {@code what} names the operation and table, never a secret. */
    static EventStoreException translate(SdkException e, String what) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if ((code != null && RETRYABLE.contains(code)) || service.statusCode() >= 500 || service.isThrottlingException()) {
                return new StorageUnavailableException("DynamoDB is unavailable or throttling (" + code + ", HTTP "
                        + service.statusCode() + ") during " + what + "; retry later", e);
            }
            if ("ResourceNotFoundException".equals(code)) {
                return new StorageException("DynamoDB reports a missing table during " + what
                        + " (ResourceNotFoundException): was the table deleted?", e);
            }
            return new StorageException("DynamoDB failed " + what + " (" + code + ", HTTP " + service.statusCode()
                    + ")", e);
        }
        if (e instanceof SdkClientException) {
            return new StorageUnavailableException("DynamoDB cannot be reached during " + what
                    + " (the SDK gave up after its retries); retry later", e);
        }
        return new StorageException("DynamoDB failed " + what, e);
    }
}
