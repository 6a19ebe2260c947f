package org.jeventstore.engine.azure.tables;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StorageException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;

/**
 * A commit or snapshot as bytes, split over binary properties {@code D0, D1, ...}: Azure caps a property at
 * 64 KiB and an entity at 1 MiB, so a value of up to {@value #MAX_BYTES} bytes fits one entity with room left
 * for the other properties. One binary blob (rather than a property per field) keeps every byte exact, whatever
 * the headers or payloads hold.
 */
final class Blobs {

    /** A binary property holds at most 64 KiB. */
    static final int CHUNK = 64 * 1024;

    /** 15 chunks: 960 KiB, leaving 64 KiB of the 1 MiB entity for keys and the other properties. */
    static final int MAX_CHUNKS = 15;
    static final int MAX_BYTES = CHUNK * MAX_CHUNKS;

    private static final int VERSION = 1;

    private Blobs() {
    }

    /** The commit as bytes, or {@link PayloadTooLargeException} before anything is written. */
    static byte[] commit(CommitAttempt attempt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            writeString(out, attempt.bucketId());
            writeString(out, attempt.streamId());
            out.writeLong(attempt.streamRevision());
            out.writeLong(attempt.commitId().getMostSignificantBits());
            out.writeLong(attempt.commitId().getLeastSignificantBits());
            out.writeLong(attempt.commitSequence());
            out.writeLong(attempt.commitStamp().getEpochSecond());
            out.writeInt(attempt.commitStamp().getNano());
            writeBytes(out, attempt.headers());
            out.writeInt(attempt.events().size());
            for (EventRecord event : attempt.events()) {
                writeBytes(out, event.headers());
                writePayload(out, event.body());
                if (bytes.size() > MAX_BYTES) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requireFits(bytes.toByteArray(), "commit " + attempt);
    }

    static CommitAttempt commit(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            requireVersion(in.readInt());
            String bucketId = readString(in);
            String streamId = readString(in);
            long revision = in.readLong();
            UUID commitId = new UUID(in.readLong(), in.readLong());
            long sequence = in.readLong();
            Instant stamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
            byte[] headers = readBytes(in);
            int count = in.readInt();
            List<EventRecord> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(new EventRecord(readBytes(in), readPayload(in)));
            }
            return new CommitAttempt(bucketId, streamId, revision, commitId, sequence, stamp, headers, events);
        } catch (IOException | RuntimeException e) {
            throw new StorageException("A stored commit cannot be decoded", e);
        }
    }

    /** A snapshot payload as bytes, or {@link PayloadTooLargeException}. */
    static byte[] payload(Payload payload, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.size() + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            writePayload(out, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requireFits(bytes.toByteArray(), what);
    }

    static Payload payload(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            requireVersion(in.readInt());
            return readPayload(in);
        } catch (IOException | RuntimeException e) {
            throw new StorageException("A stored snapshot cannot be decoded", e);
        }
    }

    /** Puts the bytes into {@code D0..Dn} of the entity's properties. */
    static void put(Map<String, Object> properties, byte[] data) {
        int chunks = Math.max(1, (data.length + CHUNK - 1) / CHUNK);
        for (int i = 0; i < chunks; i++) {
            properties.put("D" + i, Arrays.copyOfRange(data, i * CHUNK, Math.min(data.length, (i + 1) * CHUNK)));
        }
    }

    /** The names of the chunk properties, for queries that select them. */
    static List<String> names() {
        List<String> names = new ArrayList<>(MAX_CHUNKS);
        for (int i = 0; i < MAX_CHUNKS; i++) {
            names.add("D" + i);
        }
        return names;
    }

    /** The bytes put by {@link #put}. */
    static byte[] get(Map<String, Object> properties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; ; i++) {
            Object chunk = properties.get("D" + i);
            if (!(chunk instanceof byte[] bytes)) {
                break;
            }
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] requireFits(byte[] data, String what) {
        if (data.length > MAX_BYTES) {
            throw new PayloadTooLargeException("The " + what + " takes more than " + MAX_BYTES
                    + " bytes serialized, the most one Azure Tables entity (1 MiB) holds here");
        }
        return data;
    }

    private static void requireVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown format version " + version);
        }
    }

    private static void writePayload(DataOutputStream out, Payload payload) throws IOException {
        writeString(out, payload.type());
        writeString(out, payload.contentType());
        writeBytes(out, payload.data());
    }

    private static Payload readPayload(DataInputStream in) throws IOException {
        return new Payload(readString(in), readString(in), readBytes(in));
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }
}
