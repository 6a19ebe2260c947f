package org.jeventstore.engine.mongo;

/**
 * Collection, field and index names: those of NEventStore.Persistence.MongoDB (C#) wherever it had one, so that
 * either program reads what the other wrote.
 */
final class Fields {

    static final String COMMITS = "Commits";
    static final String SNAPSHOTS = "Snapshots";
    static final String POSITIONS = "Positions";
    /** The C# engine's stream heads ({@code MongoStreamHeadFields}). */
    static final String STREAMS = "Streams";
    static final String HEAD_REVISION = "HeadRevision";
    static final String SNAPSHOT_REVISION = "SnapshotRevision";
    static final String UNSNAPSHOTTED = "Unsnapshotted";

    static final String ID = "_id";
    static final String BUCKET_ID = "BucketId";
    static final String STREAM_ID = "StreamId";
    static final String COMMIT_ID = "CommitId";
    static final String COMMIT_SEQUENCE = "CommitSequence";
    static final String COMMIT_STAMP = "CommitStamp";
    static final String STREAM_REVISION_FROM = "StreamRevisionFrom";
    static final String STREAM_REVISION_TO = "StreamRevisionTo";
    static final String STREAM_REVISION = "StreamRevision";
    static final String HEADERS = "Headers";
    static final String EVENTS = "Events";
    static final String PAYLOAD = "Payload";
    static final String BODY = "Body";
    /** The C# driver's type discriminator: the type name of a body stored as a document. */
    static final String DISCRIMINATOR = "_t";
    /** Suffixes of the fields beside a payload stored as bytes: its type name and content type. */
    static final String TYPE_SUFFIX = "Type";
    static final String CONTENT_TYPE_SUFFIX = "ContentType";
    /**
     * Set by the C# 5.x dispatcher on each commit it delivered (false when written); meaningless from C# 6 on, which
     * dropped dispatching. Read only to find where this library's dispatcher takes over.
     */
    static final String DISPATCHED = "Dispatched";
    static final String CHECKPOINT = "Checkpoint";
    /** A position's lease; positions written before leases existed have none, which reads as {@code ""}. */
    static final String LEASE = "Lease";

    /**
     * The bucket of deleted commits, as in the C# engine. Deleted commits stay as small tombstones there so that
     * their checkpoints are never free again (see docs/engines/mongo.md); no reader sees this bucket.
     */
    static final String RECYCLE_BIN = ":rb";

    /**
     * The C# engine's system bucket ({@code MongoPersistenceOptions.SystemBucketName}), where its {@code FillHole}
     * strategy writes empty filler commits with stream ids {@code system.empty.<checkpoint>}. This engine's
     * tombstones have that shape too: the C# engine reads them as the empty commits it knows and never deletes them.
     */
    static final String SYSTEM_BUCKET = "system";
    static final String FILLER_STREAM_PREFIX = SYSTEM_BUCKET + ".empty.";

    static final String LOGICAL_KEY_INDEX = "LogicalKey_Index";
    static final String COMMIT_ID_INDEX = "CommitId_Index";
    static final String GET_FROM_INDEX = "GetFrom_Index";
    static final String BUCKET_CHECKPOINT_INDEX = "GetFrom_Checkpoint_Index";
    static final String EVENT_REVISION_INDEX = "EventRevision_Index";
    static final String BUCKET_STAMP_INDEX = "BucketCommitStamp_Index";
    static final String SNAPSHOT_INDEX = "BucketStreamRevision_Index";
    static final String UNSNAPSHOTTED_INDEX = "Unsnapshotted_Index";
    static final String BUCKET_UNSNAPSHOTTED_INDEX = "BucketUnsnapshotted_Index";
    /** The name earlier builds gave the feed index: beside it, a C# engine cannot create its own (see the docs). */
    static final String OLD_BUCKET_CHECKPOINT_INDEX = "BucketCheckpoint_Index";

    private Fields() {
    }
}
