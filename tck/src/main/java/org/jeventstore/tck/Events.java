package org.jeventstore.tck;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;

/** Serialized events and payloads for the kit's commits and snapshots. */
final class Events {

    /** The stored type name of the kit's events. */
    static final String TYPE = "tck.event";

    private static final byte[] NO_HEADERS = utf8("{}");

    private Events() {
    }

    /** An event without headers whose body is {@code json}. */
    static EventRecord json(String json) {
        return new EventRecord(NO_HEADERS, payload(json));
    }

    /** An event with {@code headersJson} as headers and {@code json} as body. */
    static EventRecord json(String json, String headersJson) {
        return new EventRecord(utf8(headersJson), payload(json));
    }

    /** The event the kit writes at a revision of a stream, unless a test chooses another. */
    static EventRecord at(String streamId, long revision) {
        return json("{\"stream\":\"" + streamId + "\",\"revision\":" + revision + "}");
    }

    /** A JSON payload of the kit's event type. */
    static Payload payload(String json) {
        return new Payload(TYPE, Payload.JSON, utf8(json));
    }

    /** A JSON object whose one string value makes it at least {@code chars} characters long. */
    static String jsonOfLength(int chars) {
        StringBuilder text = new StringBuilder(chars + 16).append("{\"text\":\"");
        String pattern = "The quick brown fox jumps over the lazy dog 0123456789. ";
        while (text.length() < chars) {
            text.append(pattern, 0, Math.min(pattern.length(), chars - text.length()));
        }
        return text.append("\"}").toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }
}
