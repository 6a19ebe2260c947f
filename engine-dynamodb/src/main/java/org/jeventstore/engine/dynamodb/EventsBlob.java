package org.jeventstore.engine.dynamodb;

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
 * The commit headers and events as one binary value. DynamoDB stores binary attributes byte for byte, so
 * headers and payloads round-trip exactly, whatever their keys or encoding; one value is also what can be
 * split into chunks when a commit exceeds an item.
 */
final class EventsBlob {

    private static final int VERSION = 1;

    private EventsBlob() {
    }

    /** The encoded headers and events. */
    static byte[] encode(byte[] headers, List<EventRecord> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeBytes(out, headers);
            out.writeInt(events.size());
            for (EventRecord event : events) {
                writeBytes(out, event.headers());
                Payload body = event.body();
                writeBytes(out, body.type().getBytes(StandardCharsets.UTF_8));
                writeBytes(out, body.contentType().getBytes(StandardCharsets.UTF_8));
                writeBytes(out, body.data());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The headers and events of an encoded value. */
    static Decoded decode(byte[] blob) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new StorageException("Stored commit has an unknown encoding version " + version);
            }
            byte[] headers = readBytes(in);
            int count = in.readInt();
            List<EventRecord> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] eventHeaders = readBytes(in);
                String type = new String(readBytes(in), StandardCharsets.UTF_8);
                String contentType = new String(readBytes(in), StandardCharsets.UTF_8);
                events.add(new EventRecord(eventHeaders, new Payload(type, contentType, readBytes(in))));
            }
            return new Decoded(headers, events);
        } catch (IOException e) {
            throw new StorageException("Stored commit is truncated or corrupt", e);
        }
    }

    /** Headers and events read back from a blob. */
    record Decoded(byte[] headers, List<EventRecord> events) {
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative length");
        }
        return in.readNBytes(length);
    }
}
