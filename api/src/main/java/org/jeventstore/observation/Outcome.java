package org.jeventstore.observation;

import java.util.Locale;
import org.jeventstore.CommitVetoedException;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.StreamNotFoundException;

/** How an {@link Operation} ended, told apart by the exception it ended with. */
public enum Outcome {
    /** It succeeded. */
    OK,
    /** A commit lost the optimistic-concurrency race: {@link ConcurrencyException}. */
    CONFLICT,
    /** A commit's id was already in the stream: {@link DuplicateCommitException}. */
    DUPLICATE,
    /** A pre-commit hook vetoed the commit: {@link CommitVetoedException}. */
    VETOED,
    /** The stream holds no events in the range asked for: {@link StreamNotFoundException}. */
    NOT_FOUND,
    /**
     * The backend could not be reached or refused for now: {@link StorageUnavailableException}. Retryable: the
     * operation may be tried again as it is.
     */
    UNAVAILABLE,
    /** The input was refused before anything was written: {@link IllegalArgumentException}, {@link NullPointerException}. */
    INVALID,
    /** Any other exception: the backend failed, a hook or handler threw, the store was closed. */
    ERROR;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** The outcome of an operation that ended with {@code failure}, or {@link #OK} for {@code null}. */
    public static Outcome of(Throwable failure) {
        if (failure == null) {
            return OK;
        }
        if (failure instanceof ConcurrencyException) {
            return CONFLICT;
        }
        if (failure instanceof DuplicateCommitException) {
            return DUPLICATE;
        }
        if (failure instanceof CommitVetoedException) {
            return VETOED;
        }
        if (failure instanceof StreamNotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof StorageUnavailableException) {
            return UNAVAILABLE;
        }
        if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException) {
            return INVALID;
        }
        return ERROR;
    }

    /** The name in lower case, such as {@code conflict}: a stable value for metric keys. */
    public String value() {
        return value;
    }
}
