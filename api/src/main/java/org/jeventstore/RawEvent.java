package org.jeventstore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An event body whose stored type name is not registered with the store: it is read as it was stored rather
 * than failing the read. Writing a RawEvent stores its bytes unchanged under its type name, so history can be
 * copied between stores without the classes at hand.
 *
 * @param type        the stored type name
 * @param contentType the media type of the bytes
 * @param data        the stored bytes
 */
public record RawEvent(String type, String contentType, byte[] data) {

    public RawEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(contentType, "contentType");
        data = Objects.requireNonNull(data, "data").clone();
    }

    /** A copy of the stored bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The stored bytes as UTF-8 text, for JSON and other text formats. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawEvent r && type.equals(r.type) && contentType.equals(r.contentType)
                && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, contentType, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "RawEvent[type=" + type + ", contentType=" + contentType + ", size=" + data.length + "]";
    }
}
