package org.jeventstore.micrometer;

import org.jeventstore.StorageException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;

/** A {@code memory:} engine whose backend fails every commit, as a database that refuses writes would. */
final class FailingCommitEngine extends ForwardingEngine {

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        throw new StorageException("the backend refused the write");
    }
}
