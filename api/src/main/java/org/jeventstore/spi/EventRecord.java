package org.jeventstore.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One serialized event of a commit.
 *
 * @param headers the event's headers, a UTF-8 JSON object ({@code {}} when there are none)
 * @param body    the serialized event body
 */
public record EventRecord(byte[] headers, Payload body) {

    public EventRecord {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        headers = HeaderBytes.copyOf(headers);
    }

    /** A copy of the headers' JSON bytes. */
    @Override
    public byte[] headers() {
        return headers.clone();
    }

    /** The array itself, for {@link SharedRecordBytes}. */
    byte[] sharedHeaders() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventRecord e && Arrays.equals(headers, e.headers) && body.equals(e.body);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(headers) + body.hashCode();
    }

    @Override
    public String toString() {
        return "EventRecord[headers=" + headers.length + " bytes, body=" + body + "]";
    }
}
