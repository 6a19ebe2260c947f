package org.jeventstore.engine.jdbc;

/**
 * What opening a MariaDB or MySQL store does when the server's settings let a server crash take back a commit
 * that readers could already see — and that a feed reader may have passed, so that its checkpoint is later given
 * to another commit the reader never sees (docs/engines/jdbc.md, "Crash points"). The store URI's option
 * {@code durabilityCheck=refuse|warn}. PostgreSQL and SQLite have no such check: they make a commit durable
 * before it is visible under their defaults.
 */
public enum DurabilityCheck {

    /** Open fails with a {@link org.jeventstore.StorageException} naming the settings. The default. */
    REFUSE,

    /** Open logs a {@link System.Logger.Level#WARNING} naming the settings, and goes on. */
    WARN
}
