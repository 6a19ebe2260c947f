package org.jeventstore.engine.mongo;

import static org.jeventstore.engine.mongo.Fields.BUCKET_ID;
import static org.jeventstore.engine.mongo.Fields.COMMIT_ID;
import static org.jeventstore.engine.mongo.Fields.COMMIT_SEQUENCE;
import static org.jeventstore.engine.mongo.Fields.COMMIT_STAMP;
import static org.jeventstore.engine.mongo.Fields.EVENTS;
import static org.jeventstore.engine.mongo.Fields.ID;
import static org.jeventstore.engine.mongo.Fields.STREAM_ID;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION_FROM;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION_TO;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;

/**
 * The indexes, created when an engine opens (creating an existing index is a no-op). Every index whose keys the
 * C# engine also indexes has the C# engine's name and keys (MongoDB refuses one key pattern under two names), so
 * either program starts on a store the other created.
 */
final class Schema {

    /** IndexOptionsConflict and IndexKeySpecsConflict: an index of that name exists with other settings. */
    private static final Set<Integer> CONFLICT_CODES = Set.of(85, 86);
    /** DuplicateKey: stored documents already break the uniqueness a new index would enforce. */
    private static final int DUPLICATE_KEY = 11000;
    /** The revision of each event of a commit. */
    private static final String EVENT_REVISION = EVENTS + "." + STREAM_REVISION;
    private static final System.Logger LOG = System.getLogger(Schema.class.getName());

    private Schema() {
    }

    /** The indexes of the C# {@code Streams} collection, for a store that maintains stream heads. */
    static void ensureStreamIndexes(MongoCollection<BsonDocument> streams) {
        // C# 12 Initialize(): heads to snapshot by their count (MongoFields.cs MongoStreamIndexes)
        create(streams, Fields.UNSNAPSHOTTED_INDEX, Indexes.ascending(Fields.UNSNAPSHOTTED), false);
        // the same count within a bucket, which is how this engine asks (C#'s name and keys, MongoStreamIndexes)
        create(streams, Fields.BUCKET_UNSNAPSHOTTED_INDEX, Indexes.compoundIndex(
                Indexes.ascending(ID + "." + BUCKET_ID), Indexes.descending(Fields.UNSNAPSHOTTED)), false);
    }

    static void ensureIndexes(MongoCollection<BsonDocument> commits, MongoCollection<BsonDocument> snapshots) {
        // Optimistic concurrency: one commit per sequence of a stream.
        unique(commits, Fields.LOGICAL_KEY_INDEX, Indexes.ascending(BUCKET_ID, STREAM_ID, COMMIT_SEQUENCE));
        // Idempotency: one commit per commit id of a stream.
        unique(commits, Fields.COMMIT_ID_INDEX, Indexes.ascending(BUCKET_ID, STREAM_ID, COMMIT_ID));
        // Stream reads by revision range, and no two commits with the same range.
        unique(commits, Fields.GET_FROM_INDEX,
                Indexes.ascending(BUCKET_ID, STREAM_ID, STREAM_REVISION_FROM, STREAM_REVISION_TO));
        // No two events of a stream with one revision, so no two commits with overlapping ranges: the index has
        // a key per event (multikey), and a unique index holds across documents, so the one insert of a commit
        // that overlaps a stored one fails as a taken sequence does, whoever stored what and when.
        unique(commits, Fields.EVENT_REVISION_INDEX, Indexes.ascending(BUCKET_ID, STREAM_ID, EVENT_REVISION));
        // The feed of one bucket in checkpoint order.
        unique(commits, Fields.BUCKET_CHECKPOINT_INDEX, Indexes.ascending(BUCKET_ID, ID));
        // Reads by time within a bucket, ordered by stamp and then checkpoint.
        create(commits, Fields.BUCKET_STAMP_INDEX, Indexes.ascending(BUCKET_ID, COMMIT_STAMP, ID), false);
        // The latest snapshot at or below a revision: the compound _id index cannot serve a range on its parts.
        // (descending revision, as C# creates it: the same keys under the C# name, so neither program's
        // createIndexes conflicts with the other's)
        create(snapshots, Fields.SNAPSHOT_INDEX, Indexes.compoundIndex(
                Indexes.ascending(ID + "." + BUCKET_ID, ID + "." + STREAM_ID),
                Indexes.descending(ID + "." + STREAM_REVISION)), false);
    }

    private static void unique(MongoCollection<BsonDocument> collection, String name, Bson keys) {
        create(collection, name, keys, true);
    }

    private static void create(MongoCollection<BsonDocument> collection, String name, Bson keys, boolean unique) {
        try {
            collection.createIndex(keys, new IndexOptions().name(name).unique(unique));
        } catch (MongoServerException e) {
            // the driver reports the server's DuplicateKey answer to createIndexes as a DuplicateKeyException
            if (e.getCode() == DUPLICATE_KEY && unique) {
                // Data written before the index existed already breaks it (a store written by an older version
                // or another program): open it as before rather than not at all, and say what is not enforced.
                LOG.log(System.Logger.Level.WARNING, "Unique index {0} of {1} cannot be built: stored documents "
                        + "already share its key; until they are removed, what it guards is not enforced (see "
                        + "docs/engines/mongo.md)", name, collection.getNamespace().getCollectionName());
                return;
            }
            if (!CONFLICT_CODES.contains(e.getCode())) {
                throw e;
            }
            // A store created by another version: keep its index rather than refuse to open.
            LOG.log(System.Logger.Level.WARNING, "Index {0} of {1} exists with other settings or under another "
                    + "name (code {2}); kept. A C# NEventStore cannot start on this store until an index with the "
                    + "keys of {0} but another name (such as {3}) is dropped (see docs/engines/mongo.md)",
                    name, collection.getNamespace().getCollectionName(), e.getCode(),
                    Fields.OLD_BUCKET_CHECKPOINT_INDEX);
        }
    }
}
