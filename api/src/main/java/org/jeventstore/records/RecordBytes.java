package org.jeventstore.records;

import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;

/**
 * The bytes the SPI records hold, without the copy their accessors hand out. The store reads every payload and
 * header of every commit it returns, and decodes them without changing or keeping them, so it needs no copy of
 * its own; engines and users must not get the arrays, or a record could be changed after it was stored. On the
 * way in, the store hands its serializer's fresh bytes to a payload without the copy its constructor makes.
 *
 * <p>This package is not exported, so outside the store no module can call this class (as the JDK's
 * {@code SharedSecrets}); {@code org.jeventstore.spi} installs the one implementation, and depends on nothing of
 * the store's implementation.
 */
public abstract class RecordBytes {

    private static volatile RecordBytes installed;

    protected RecordBytes() {
    }

    /** The stored bytes of {@code payload}; the caller must not change or keep them. */
    public abstract byte[] data(Payload payload);

    /** The header bytes of {@code event}; the caller must not change or keep them. */
    public abstract byte[] headers(EventRecord event);

    /** The commit header bytes of {@code attempt}; the caller must not change or keep them. */
    public abstract byte[] headers(CommitAttempt attempt);

    /**
     * A payload of {@code data} itself, not a copy: for bytes the caller has just made and hands over, keeping no
     * reference to them.
     */
    public abstract Payload payloadOwning(String type, String contentType, byte[] data);

    /** Called once, by {@code org.jeventstore.spi} as its records are loaded. */
    public static void install(RecordBytes access) {
        synchronized (RecordBytes.class) {
            if (installed != null) {
                throw new IllegalStateException("RecordBytes is installed already");
            }
            installed = access;
        }
    }

    /** The implementation, once the records are loaded (loading them here if no record was made yet). */
    public static RecordBytes get() {
        RecordBytes access = installed;
        if (access == null) {
            try {
                Class.forName(Payload.class.getName(), true, Payload.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = installed;
        }
        return access;
    }
}
