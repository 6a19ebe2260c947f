package org.jeventstore.engine.azure.tables;

/** The steps of a commit (see docs/engines/azure-tables.md), after each of which a {@link FailurePoint} runs. */
enum Step {
    /** Feed row {@code c} inserted as PENDING with the whole commit. */
    RESERVED,
    /** The stream partition's transaction committed, fence included. */
    STREAM_WRITTEN,
    /** Feed row {@code c} marked DONE. */
    MARKED_DONE
}
