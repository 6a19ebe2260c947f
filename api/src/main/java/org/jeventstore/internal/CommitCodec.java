package org.jeventstore.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventSerializer;
import org.jeventstore.EventType;
import org.jeventstore.RawEvent;
import org.jeventstore.SerializationException;
import org.jeventstore.records.RecordBytes;
import org.jeventstore.Snapshot;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.SnapshotRecord;

/**
 * Converts between the user's commits and snapshots and the serialized records engines store. Bodies and
 * snapshot payloads go through the configured serializer under their stored type names; headers are always
 * JSON objects, so engines can store them natively.
 */
public final class CommitCodec {

    private static final ObjectMapper HEADERS = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> HEADER_MAP = new TypeReference<>() {
    };
    private static final byte[] NO_HEADERS = {'{', '}'};
    /** In {@link #readBodies}' answer, a body left to {@link #toCommit}, which reads it as it always did. */
    static final Object NOT_READ = new Object();
    /** Reads the records' bytes without a copy: decoding neither changes nor keeps them. */
    private static final RecordBytes BYTES = RecordBytes.get();

    private final EventSerializer serializer;
    private final TypeRegistry types;
    private final Upconverters upconverters;

    public CommitCodec(EventSerializer serializer, TypeRegistry types, Upconverters upconverters) {
        this.serializer = serializer;
        this.types = types;
        this.upconverters = upconverters;
    }

    /** Registers classes annotated with {@link EventType} under their stored names, for reading. */
    void registerAnnotated(Iterable<Class<?>> annotated) {
        annotated.forEach(types::nameOf);
    }

    CommitAttempt toAttempt(Commit commit) {
        return toAttempt(commit.bucketId(), commit.streamId(), commit.streamRevision(), commit.commitId(),
                commit.commitSequence(), commit.commitStamp(), commit.headers(), commit.events());
    }

    /** The attempt of a commit whose headers and events were already copied and checked as {@link Commit} does. */
    CommitAttempt toAttempt(String bucketId, String streamId, long streamRevision, UUID commitId, long commitSequence,
                            Instant commitStamp, Map<String, Object> headers, List<EventMessage> messages) {
        // An array wrapped by List.of is what CommitAttempt's List.copyOf keeps as it is: the list is built once.
        if (messages.size() == 1) {
            EventMessage event = messages.get(0);
            return new CommitAttempt(bucketId, streamId, streamRevision, commitId, commitSequence, commitStamp,
                    headerBytes(headers), List.of(new EventRecord(headerBytes(event.headers()), payload(event.body()))));
        }
        EventRecord[] records = new EventRecord[messages.size()];
        for (int i = 0; i < records.length; i++) {
            EventMessage event = messages.get(i);
            records[i] = new EventRecord(headerBytes(event.headers()), payload(event.body()));
        }
        return new CommitAttempt(bucketId, streamId, streamRevision, commitId, commitSequence, commitStamp,
                headerBytes(headers), List.of(records));
    }

    Commit toCommit(CommitRecord record) {
        return toCommit(record, null, 0);
    }

    /**
     * The commit of {@code record}, with the bodies of its events from {@code bodies[first..]} where {@link
     * #readBodies} read them ({@code bodies} may be null); the others are deserialized here.
     */
    Commit toCommit(CommitRecord record, Object[] bodies, int first) {
        List<EventRecord> stored = record.events();
        EventMessage[] messages = new EventMessage[stored.size()];
        for (int i = 0; i < messages.length; i++) {
            EventRecord event = stored.get(i);
            Object body = bodies == null ? NOT_READ : bodies[first + i];
            messages[i] = new EventMessage(headers(BYTES.headers(event)),
                    upconverters.upconvert(body == NOT_READ ? body(event.body()) : read(body)));
        }
        List<EventMessage> events = messages.length == 1 ? List.of(messages[0]) : List.of(messages);
        return new Commit(record.bucketId(), record.streamId(), record.streamRevision(), record.commitId(),
                record.commitSequence(), record.commitStamp(), headers(BYTES.headers(record.attempt())), events,
                record.checkpoint());
    }

    /** A body {@link #readBodies} read, or what reading it threw, thrown here, at its commit. */
    private static Object read(Object body) {
        if (body instanceof JsonRunReader.Thrown failed) {
            if (failed.thrown() instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) failed.thrown();
        }
        return body;
    }

    /**
     * The bodies of the events of {@code records}, in order, as {@link #toCommit} would deserialize them, read with
     * one parser per run where the store's own serializer can ({@link JacksonEventSerializer#deserializeRun}), the
     * others of its bodies alone, all in their order; a {@link JsonRunReader.Thrown} for each body whose reading
     * threw, which {@code toCommit} throws; {@link #NOT_READ} for each body left to {@code toCommit} (another
     * content type, or a type it does not know). Null if none can be read so.
     */
    Object[] readBodies(List<CommitRecord> records, int events) {
        if (!(serializer instanceof JacksonEventSerializer jackson) || !jackson.readsRuns()) {
            return null;
        }
        byte[][] data = new byte[events][];
        Class<?>[] classes = new Class<?>[events];
        int[] positions = new int[events];
        int count = 0;
        int position = 0;
        for (CommitRecord record : records) {
            for (EventRecord event : record.events()) {
                Payload payload = event.body();
                Class<?> type = payload.contentType().equals(serializer.contentType())
                        ? types.classOf(payload.type()).orElse(null) : null;
                if (type != null) {
                    data[count] = BYTES.data(payload);
                    classes[count] = type;
                    positions[count++] = position;
                }
                position++;
            }
        }
        Object[] values = new Object[count];
        Object[] bodies = new Object[position];
        Arrays.fill(bodies, NOT_READ);
        for (int from = 0; from < count; ) {
            int stop = jackson.deserializeRun(data, classes, values, from, count);
            for (int i = from; i < stop; i++) {
                bodies[positions[i]] = values[i];
            }
            if (stop < count) {
                // Read now, before the bodies after it, as one by one it would be: a first read can differ from
                // later ones (a class that fails to initialize fails so once).
                bodies[positions[stop]] = values[stop] instanceof JsonRunReader.Thrown thrown
                        ? thrown : alone(jackson, data[stop], classes[stop]);
            }
            from = stop + 1;
        }
        return bodies;
    }

    private static Object alone(JacksonEventSerializer jackson, byte[] data, Class<?> type) {
        try {
            return jackson.deserialize(data, type);
        } catch (RuntimeException | Error e) {
            return new JsonRunReader.Thrown(e);
        }
    }

    SnapshotRecord toRecord(Snapshot snapshot) {
        return new SnapshotRecord(snapshot.bucketId(), snapshot.streamId(), snapshot.streamRevision(),
                payload(snapshot.payload()));
    }

    Snapshot toSnapshot(SnapshotRecord record) {
        return new Snapshot(record.bucketId(), record.streamId(), record.streamRevision(), body(record.payload()));
    }

    private Payload payload(Object body) {
        if (body instanceof RawEvent raw) {
            // RawEvent.data() is a copy already, which no one else holds.
            return BYTES.payloadOwning(raw.type(), raw.contentType(), raw.data());
        }
        byte[] data = serializer.serialize(body);
        // The store's own serializer hands back bytes no one else holds: the payload takes them without a copy.
        return serializer instanceof JacksonEventSerializer
                ? BYTES.payloadOwning(types.nameOf(body.getClass()), serializer.contentType(), data)
                : new Payload(types.nameOf(body.getClass()), serializer.contentType(), data);
    }

    private Object body(Payload payload) {
        Class<?> type = types.classOf(payload.type()).orElse(null);
        if (type != null && payload.contentType().equals(serializer.contentType())) {
            // Only the store's own serializer is handed the stored array: a user's could change or keep it.
            byte[] data = serializer instanceof JacksonEventSerializer ? BYTES.data(payload) : payload.data();
            return serializer.deserialize(data, type);
        }
        return new RawEvent(payload.type(), payload.contentType(), payload.data());
    }

    private static byte[] headerBytes(Map<String, Object> headers) {
        if (headers.isEmpty()) {
            return NO_HEADERS;
        }
        try {
            return HEADERS.writeValueAsBytes(headers);
        } catch (JsonProcessingException e) {
            throw new SerializationException("Headers must be JSON values (strings, numbers, booleans, lists, "
                    + "maps): " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> headers(byte[] json) {
        if (json.length == 2 && json[0] == '{' && json[1] == '}') {
            return Map.of();
        }
        try {
            return HEADERS.readValue(json, HEADER_MAP);
        } catch (IOException e) {
            throw new SerializationException("Stored headers are not a JSON object", e);
        }
    }
}
