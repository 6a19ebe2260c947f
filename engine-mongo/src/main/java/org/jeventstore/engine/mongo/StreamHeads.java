package org.jeventstore.engine.mongo;

import static org.jeventstore.engine.mongo.Fields.BUCKET_ID;
import static org.jeventstore.engine.mongo.Fields.HEAD_REVISION;
import static org.jeventstore.engine.mongo.Fields.ID;
import static org.jeventstore.engine.mongo.Fields.SNAPSHOT_REVISION;
import static org.jeventstore.engine.mongo.Fields.STREAM_ID;
import static org.jeventstore.engine.mongo.Fields.UNSNAPSHOTTED;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.conversions.Bson;
import org.jeventstore.StreamHead;

/**
 * The C# engine's {@code Streams} collection: one head per stream, {@code {_id: {BucketId, StreamId},
 * HeadRevision, SnapshotRevision, Unsnapshotted}}, updated after each commit as C# 12 does it
 * ({@code UpdateStreamHeadInBackgroundThread}) when the store is opened with {@code streamHeads=true}; heads of
 * deleted streams are removed whatever the setting, so that C# never lists a stream that is gone.
 *
 * <p>Off the commit's round trip: a commit queues its head update on this engine's one background thread and
 * returns after its insert. Best effort, as in C#: an update that fails is logged and leaves the head behind until
 * the stream's next commit (its revision) or snapshot (its count of unsnapshotted events). This engine's own reads of
 * heads (and its snapshots and deletes) first wait for the updates it queued, so a process sees its own commits;
 * another process's may lag by the time its background thread takes.
 */
final class StreamHeads {

    /** How long a read of heads waits for this engine's queued updates before it reads anyway. */
    private static final long PENDING_WAIT_SECONDS = 30;
    /** How long closing waits for the queued updates. */
    private static final long CLOSE_WAIT_SECONDS = 10;
    /** Tries of a snapshot's head update against concurrent head updates. */
    private static final int SNAPSHOT_TRIES = 10;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final System.Logger LOG = System.getLogger(StreamHeads.class.getName());

    private final String description;
    private final MongoCollection<BsonDocument> streams;
    /** The background thread of head updates; null when the store does not maintain heads. */
    private final ExecutorService updates;

    StreamHeads(String description, MongoCollection<BsonDocument> streams, boolean maintained) {
        this.description = description;
        this.streams = streams;
        this.updates = maintained ? Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "jeventstore-mongo-stream-heads");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    MongoCollection<BsonDocument> collection() {
        return streams;
    }

    /** Whether heads are maintained, and read from here. */
    boolean maintained() {
        return updates != null;
    }

    static BsonDocument id(String bucketId, String streamId) {
        return new BsonDocument(BUCKET_ID, new BsonString(bucketId)).append(STREAM_ID, new BsonString(streamId));
    }

    /**
     * Queues the head update of a stored commit: C#'s upsert, except that the head revision only grows
     * ({@code $max} where C# has {@code $set}), so that updates of two writers arriving out of order leave the
     * higher one.
     */
    void committed(String bucketId, String streamId, long streamRevision, int events) {
        if (updates == null) {
            return;
        }
        try {
            updates.execute(() -> {
                try {
                    streams.updateOne(Filters.eq(ID, id(bucketId, streamId)), Updates.combine(
                            Updates.max(HEAD_REVISION, CommitDocuments.number(streamRevision)),
                            Updates.inc(SNAPSHOT_REVISION, 0),
                            Updates.inc(UNSNAPSHOTTED, events)), UPSERT);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "{0}: the head of stream {1}/{2} was not updated after "
                            + "its commit up to revision {3}; its next commit or snapshot corrects it",
                            description, bucketId, streamId, streamRevision, e);
                }
            });
        } catch (RejectedExecutionException closing) {
            LOG.log(System.Logger.Level.WARNING, "{0}: the engine is closing; the head of stream {1}/{2} is not "
                    + "updated", description, bucketId, streamId);
        }
    }

    /** Waits (bounded) for the head updates this engine queued so far. */
    void awaitPending() {
        if (updates == null) {
            return;
        }
        try {
            updates.submit(() -> { }).get(PENDING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: queued stream head updates are not done; heads are read "
                    + "as they are", description);
        }
    }

    /** A page of the bucket's heads with at least {@code threshold} unsnapshotted events, in stream id order. */
    List<StreamHead> page(String bucketId, long threshold, String afterStreamId, int pageSize) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq(ID + "." + BUCKET_ID, bucketId),
                Filters.gte(UNSNAPSHOTTED, threshold)));
        if (afterStreamId != null) {
            filters.add(Filters.gt(ID + "." + STREAM_ID, afterStreamId));
        }
        List<StreamHead> heads = new ArrayList<>(pageSize);
        for (BsonDocument head : streams.find(Filters.and(filters)).sort(Sorts.ascending(ID + "." + STREAM_ID))
                .limit(pageSize)) {
            heads.add(new StreamHead(bucketId, head.getDocument(ID).getString(STREAM_ID).getValue(),
                    head.getNumber(HEAD_REVISION).longValue(), head.getNumber(SNAPSHOT_REVISION).longValue()));
        }
        return heads;
    }

    /** The stored head, if any. */
    Optional<BsonDocument> find(String bucketId, String streamId) {
        return Optional.ofNullable(streams.find(Filters.eq(ID, id(bucketId, streamId))).first());
    }

    /** Creates the head of a stream committed while heads were not maintained, from its head revision. */
    void create(String bucketId, String streamId, long headRevision) {
        streams.updateOne(Filters.eq(ID, id(bucketId, streamId)), Updates.combine(
                Updates.max(HEAD_REVISION, CommitDocuments.number(headRevision)),
                Updates.inc(SNAPSHOT_REVISION, 0),
                Updates.inc(UNSNAPSHOTTED, 0)), UPSERT);
    }

    /**
     * Records a snapshot in the stream's head as C#'s {@code AddSnapshot} does (SnapshotRevision, and Unsnapshotted =
     * HeadRevision − SnapshotRevision), never lowering the snapshot revision, conditional on the head revision read
     * so that a concurrent commit's update is not lost.
     */
    void snapshotted(String bucketId, String streamId, long revision) {
        BsonDocument id = id(bucketId, streamId);
        for (int tries = 0; tries < SNAPSHOT_TRIES; tries++) {
            BsonDocument head = streams.find(Filters.eq(ID, id)).first();
            if (head == null) {
                return;
            }
            long headRevision = head.getNumber(HEAD_REVISION).longValue();
            long snapshot = Math.max(revision, head.isNumber(SNAPSHOT_REVISION)
                    ? head.getNumber(SNAPSHOT_REVISION).longValue() : 0);
            if (streams.updateOne(Filters.and(Filters.eq(ID, id), Filters.eq(HEAD_REVISION, head.get(HEAD_REVISION))),
                    Updates.combine(Updates.set(SNAPSHOT_REVISION, CommitDocuments.number(snapshot)),
                            Updates.set(UNSNAPSHOTTED, CommitDocuments.number(headRevision - snapshot))))
                    .getMatchedCount() == 1) {
                return;
            }
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: the head of stream {1}/{2} kept changing; its snapshot at "
                + "revision {3} is stored but not counted in the head", description, bucketId, streamId, revision);
    }

    void delete(String bucketId, String streamId) {
        awaitPending();
        streams.deleteOne(Filters.eq(ID, id(bucketId, streamId)));
    }

    void purge(Optional<String> bucketId) {
        awaitPending();
        streams.deleteMany(bucketId.<Bson>map(b -> Filters.eq(ID + "." + BUCKET_ID, b)).orElseGet(BsonDocument::new));
    }

    void drop() {
        awaitPending();
        streams.drop();
    }

    /** Lets the queued updates finish (bounded), then stops the background thread. */
    void close() {
        if (updates == null) {
            return;
        }
        updates.shutdown();
        try {
            if (!updates.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "{0}: stream head updates still queued at close are dropped",
                        description);
                updates.shutdownNow();
            }
        } catch (InterruptedException e) {
            updates.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
