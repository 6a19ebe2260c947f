package org.jeventstore.records;

import org.jeventstore.spi.CheckedEngine;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.PersistenceEngine;

/**
 * A commit through a {@link CheckedEngine} without its check of the commit's ids. The store's streams can only be
 * made for ids that follow {@link org.jeventstore.spi.Ids} (every way of opening one builds a
 * {@link org.jeventstore.spi.StreamRange}, which checks them), so the store checks a stream's ids once, not on every
 * commit as {@link CheckedEngine#commit} must for a caller it knows nothing of. Every other check still runs.
 *
 * <p>Not exported, as {@link RecordBytes}: {@code org.jeventstore.spi} installs the one implementation.
 */
public abstract class CheckedIds {

    private static volatile CheckedIds installed;

    protected CheckedIds() {
    }

    /**
     * Commits {@code attempt}, whose ids the caller has checked, through {@code engine}; an engine that is not a
     * {@link CheckedEngine} is called as it is.
     */
    public abstract CommitRecord commit(PersistenceEngine engine, CommitAttempt attempt);

    /** Called once, by {@link CheckedEngine} as it is loaded. */
    public static void install(CheckedIds access) {
        synchronized (CheckedIds.class) {
            if (installed != null) {
                throw new IllegalStateException("CheckedIds is installed already");
            }
            installed = access;
        }
    }

    /** The implementation, loading {@link CheckedEngine} if it is not loaded yet. */
    public static CheckedIds get() {
        CheckedIds access = installed;
        if (access == null) {
            try {
                Class.forName(CheckedEngine.class.getName(), true, CheckedEngine.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = installed;
        }
        return access;
    }
}
