package org.jeventstore.engine.mongo;

import static org.jeventstore.engine.mongo.Fields.BUCKET_ID;
import static org.jeventstore.engine.mongo.Fields.ID;
import static org.jeventstore.engine.mongo.Fields.PAYLOAD;
import static org.jeventstore.engine.mongo.Fields.STREAM_ID;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.jeventstore.spi.SnapshotRecord;

/**
 * Snapshots as documents of the {@code Snapshots} collection, in the C# engine's shape:
 * {@code { _id: { BucketId, StreamId, StreamRevision }, Payload: { _t: type name, ... } }}. The compound id makes
 * a snapshot at the same revision replace the earlier one.
 */
final class SnapshotDocuments {

    private SnapshotDocuments() {
    }

    /** The {@code _id} of a stream's snapshot at a revision. */
    static BsonDocument id(String bucketId, String streamId, long revision) {
        return new BsonDocument(BUCKET_ID, new BsonString(bucketId))
                .append(STREAM_ID, new BsonString(streamId))
                .append(STREAM_REVISION, CommitDocuments.number(revision));
    }

    static BsonDocument toDocument(SnapshotRecord snapshot) {
        BsonDocument document = new BsonDocument(ID,
                id(snapshot.bucketId(), snapshot.streamId(), snapshot.streamRevision()));
        Payloads.put(document, PAYLOAD, snapshot.payload());
        return document;
    }

    static SnapshotRecord toRecord(BsonDocument document, UuidRepresentation uuids) {
        BsonDocument id = document.getDocument(ID);
        return new SnapshotRecord(id.getString(BUCKET_ID).getValue(), id.getString(STREAM_ID).getValue(),
                id.getNumber(STREAM_REVISION).longValue(), Payloads.get(document, PAYLOAD, uuids));
    }
}
