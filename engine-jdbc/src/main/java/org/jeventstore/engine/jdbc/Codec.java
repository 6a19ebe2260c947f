package org.jeventstore.engine.jdbc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jeventstore.StorageException;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;

/**
 * A commit's events as one binary value: the count, then per event its headers, type, content type and bytes,
 * each length-prefixed. Bytes go back exactly as they came, and no header key means anything to the database.
 */
final class Codec {

    private static final int VERSION = 1;

    private Codec() {
    }

    static byte[] encode(List<EventRecord> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + events.size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(events.size());
            for (EventRecord event : events) {
                bytes(out, event.headers());
                Payload body = event.body();
                bytes(out, body.type().getBytes(StandardCharsets.UTF_8));
                bytes(out, body.contentType().getBytes(StandardCharsets.UTF_8));
                bytes(out, body.data());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<EventRecord> decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new StorageException("Stored events have encoding version " + version + "; this engine reads "
                        + VERSION);
            }
            int count = in.readInt();
            List<EventRecord> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] headers = bytes(in);
                String type = new String(bytes(in), StandardCharsets.UTF_8);
                String contentType = new String(bytes(in), StandardCharsets.UTF_8);
                events.add(new EventRecord(headers, new Payload(type, contentType, bytes(in))));
            }
            return events;
        } catch (IOException e) {
            throw new StorageException("Stored events are truncated or corrupt", e);
        }
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }
}
