package org.jeventstore.engine.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.jeventstore.engine.mongo.Fields.BODY;
import static org.jeventstore.engine.mongo.Fields.BUCKET_ID;
import static org.jeventstore.engine.mongo.Fields.COMMIT_ID;
import static org.jeventstore.engine.mongo.Fields.COMMIT_SEQUENCE;
import static org.jeventstore.engine.mongo.Fields.COMMIT_STAMP;
import static org.jeventstore.engine.mongo.Fields.EVENTS;
import static org.jeventstore.engine.mongo.Fields.HEADERS;
import static org.jeventstore.engine.mongo.Fields.ID;
import static org.jeventstore.engine.mongo.Fields.PAYLOAD;
import static org.jeventstore.engine.mongo.Fields.STREAM_ID;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION_FROM;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION_TO;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;

/**
 * Commits as documents of the {@code Commits} collection, in the shape NEventStore's C# engine writes:
 *
 * <pre>
 * { _id: checkpoint (Int64), CommitId: UUID, CommitStamp: date, Headers: [[key, value], ...],
 *   Events: [ { StreamRevision, Payload: { Headers: {...}, Body: { _t: type name, ... } } } ],
 *   StreamRevisionFrom, StreamRevisionTo, BucketId, StreamId, CommitSequence }
 * </pre>
 *
 * Numbers that fit are Int32, as C# wrote them; larger ones Int64.
 */
final class CommitDocuments {

    private CommitDocuments() {
    }

    /** The document of an attempt at a checkpoint. */
    static BsonDocument toDocument(CommitAttempt attempt, long checkpoint, UuidRepresentation uuids) {
        long millis;
        try {
            millis = attempt.commitStamp().toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("commitStamp " + attempt.commitStamp() + " is out of BSON's range");
        }
        BsonArray events = new BsonArray();
        long revision = attempt.firstRevision();
        for (EventRecord event : attempt.events()) {
            BsonDocument payload = new BsonDocument();
            Payloads.putJson(payload, HEADERS, event.headers());
            Payloads.put(payload, BODY, event.body());
            events.add(new BsonDocument(STREAM_REVISION, number(revision++)).append(PAYLOAD, payload));
        }
        BsonDocument document = new BsonDocument(ID, new BsonInt64(checkpoint))
                .append(COMMIT_ID, Uuids.write(attempt.commitId(), uuids))
                .append(COMMIT_STAMP, new BsonDateTime(millis));
        Payloads.putCommitHeaders(document, HEADERS, attempt.headers());
        return document.append(EVENTS, events)
                .append(STREAM_REVISION_FROM, number(attempt.firstRevision()))
                .append(STREAM_REVISION_TO, number(attempt.streamRevision()))
                .append(BUCKET_ID, new BsonString(attempt.bucketId()))
                .append(STREAM_ID, new BsonString(attempt.streamId()))
                .append(COMMIT_SEQUENCE, number(attempt.commitSequence()));
    }

    /**
     * An empty commit holding a checkpoint, shaped as the C# engine's {@code FillHole} filler
     * (ExtensionMethods.cs {@code ToEmptyCommit}: system bucket, stream {@code system.empty.<checkpoint>}, sequence
     * 1, revisions 0..0, no headers — an empty ArrayOfArrays dictionary, {@code []} — and no events). Its commit id is derived from the checkpoint, so it is the same
     * whoever writes it again.
     */
    static BsonDocument filler(long checkpoint, Instant stamp, UuidRepresentation uuids) {
        UUID commitId = UUID.nameUUIDFromBytes(("jeventstore:filler:" + checkpoint).getBytes(UTF_8));
        return new BsonDocument(ID, new BsonInt64(checkpoint))
                .append(COMMIT_ID, Uuids.write(commitId, uuids))
                .append(COMMIT_STAMP, new BsonDateTime(stamp.toEpochMilli()))
                .append(HEADERS, new BsonArray())
                .append(EVENTS, new BsonArray())
                .append(STREAM_REVISION_FROM, new BsonInt32(0))
                .append(STREAM_REVISION_TO, new BsonInt32(0))
                .append(BUCKET_ID, new BsonString(Fields.SYSTEM_BUCKET))
                .append(STREAM_ID, new BsonString(Fields.FILLER_STREAM_PREFIX + checkpoint))
                .append(COMMIT_SEQUENCE, new BsonInt32(1));
    }

    /** The commit of a stored document, written by this engine or by the C# one. */
    static CommitRecord toRecord(BsonDocument document, UuidRepresentation uuids) {
        List<EventRecord> events = new ArrayList<>();
        for (BsonValue value : document.getArray(EVENTS)) {
            BsonValue stored = value.asDocument().get(PAYLOAD);
            BsonDocument payload = stored != null && stored.isDocument() ? stored.asDocument() : null;
            if (payload == null || !payload.containsKey(BODY)) {
                // The C# engine with a binary serializer stored the whole EventMessage as bytes.
                events.add(new EventRecord("{}".getBytes(UTF_8),
                        Payloads.get(value.asDocument(), PAYLOAD, uuids)));
            } else {
                events.add(new EventRecord(Payloads.getJson(payload, HEADERS, uuids),
                        Payloads.get(payload, BODY, uuids)));
            }
        }
        CommitAttempt attempt = new CommitAttempt(
                document.getString(BUCKET_ID).getValue(),
                document.getString(STREAM_ID).getValue(),
                document.getNumber(STREAM_REVISION_TO).longValue(),
                Uuids.read(document.getBinary(COMMIT_ID), uuids),
                document.getNumber(COMMIT_SEQUENCE).longValue(),
                Instant.ofEpochMilli(document.getDateTime(COMMIT_STAMP).getValue()),
                Payloads.getJson(document, HEADERS, uuids),
                events);
        return new CommitRecord(attempt, document.getNumber(ID).longValue());
    }

    /** Int32 where it fits, as the C# engine stores its ints; Int64 beyond. */
    static BsonValue number(long value) {
        return value == (int) value ? new BsonInt32((int) value) : new BsonInt64(value);
    }
}
