package org.jeventstore.spi;

/**
 * An optional feature of an engine. The TCK checks both ways: a declared capability must work, and an
 * engine that does not declare one must refuse it with {@link UnsupportedOperationException}.
 */
public enum Capability {

    /** {@link PersistenceEngine#readByTime(TimeRange)}: reads by commit stamp, served from an index. */
    READ_BY_TIME
}
