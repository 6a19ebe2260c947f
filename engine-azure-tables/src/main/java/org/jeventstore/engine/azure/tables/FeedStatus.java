package org.jeventstore.engine.azure.tables;

/** The state of a feed row, stored as one letter in its {@code Status} property. */
enum FeedStatus {
    /** Reserved by a writer whose stream transaction may or may not have committed: readers stop here. */
    PENDING("P"),
    /** The commit is in its stream: readers return it. */
    DONE("D"),
    /** The commit never reached its stream and never will (its fence is void): a gap. */
    ABORTED("A"),
    /** The commit's stream was deleted or purged: a tombstone keeps the checkpoint from being reused. */
    DELETED("X");

    static final String PROPERTY = "Status";

    private final String code;

    FeedStatus(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static FeedStatus of(Object code) {
        for (FeedStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new org.jeventstore.StorageException("A feed row has an unknown status");
    }
}
