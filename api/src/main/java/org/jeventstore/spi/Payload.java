package org.jeventstore.spi;

import java.util.Arrays;
import java.util.Objects;
import org.jeventstore.records.RecordBytes;

/**
 * A serialized value as an engine stores it: the stored type name (never a Java class name unless the user
 * chose one), the content type of the bytes, and the bytes themselves.
 *
 * <p>The bytes are copied on the way in and on the way out, so neither the caller nor an engine can change
 * what another party holds. A value class rather than a record, so that the store can hand over the bytes its own
 * serializer has just made, which no one else holds, without a copy (see {@link RecordBytes}): a record's
 * constructor would always copy them.
 */
public final class Payload {

    /** The content type the default serializer writes. */
    public static final String JSON = "application/json";

    static {
        RecordBytes.install(new SharedRecordBytes());
    }

    private final String type;
    private final String contentType;
    private final byte[] data;

    /**
     * @param type        the stored type name, as registered with the store
     * @param contentType the media type of {@code data}, for example {@code application/json}
     * @param data        the serialized bytes, copied
     */
    public Payload(String type, String contentType, byte[] data) {
        this(type, contentType, Objects.requireNonNull(data, "data").clone(), true);
    }

    /** A payload keeping {@code data} itself, which no one else may hold. */
    private Payload(String type, String contentType, byte[] data, boolean owned) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        this.type = type;
        this.contentType = contentType;
        this.data = data;
    }

    /** For {@link SharedRecordBytes}: {@code data} is handed over, not copied. */
    static Payload owning(String type, String contentType, byte[] data) {
        return new Payload(type, contentType, data, true);
    }

    /** The stored type name, as registered with the store. */
    public String type() {
        return type;
    }

    /** The media type of the bytes, for example {@code application/json}. */
    public String contentType() {
        return contentType;
    }

    /** A copy of the serialized bytes. */
    public byte[] data() {
        return data.clone();
    }

    /** The array itself, for {@link SharedRecordBytes}. */
    byte[] sharedData() {
        return data;
    }

    /** The number of serialized bytes, without copying them. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p
                && type.equals(p.type)
                && contentType.equals(p.contentType)
                && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, contentType, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Payload[type=" + type + ", contentType=" + contentType + ", size=" + data.length + "]";
    }
}
