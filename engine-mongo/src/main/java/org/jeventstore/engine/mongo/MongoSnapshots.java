package org.jeventstore.engine.mongo;

import static org.jeventstore.engine.mongo.Fields.BUCKET_ID;
import static org.jeventstore.engine.mongo.Fields.ID;
import static org.jeventstore.engine.mongo.Fields.STREAM_ID;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION_TO;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.UuidRepresentation;
import org.bson.conversions.Bson;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StreamKey;

/** The snapshots of a {@link MongoEngine}, in the {@code Snapshots} collection, and the heads of its streams. */
final class MongoSnapshots implements SnapshotStore {

    private final String description;
    private final UuidRepresentation uuids;
    private final int pageSize;
    private final MongoCollection<BsonDocument> commits;
    private final MongoCollection<BsonDocument> snapshots;
    private final StreamHeads heads;
    private final Runnable ensureOpen;

    MongoSnapshots(String description, UuidRepresentation uuids, int pageSize, MongoCollection<BsonDocument> commits,
                   MongoCollection<BsonDocument> snapshots, StreamHeads heads, Runnable ensureOpen) {
        this.description = description;
        this.uuids = uuids;
        this.pageSize = pageSize;
        this.commits = commits;
        this.snapshots = snapshots;
        this.heads = heads;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public boolean add(SnapshotRecord snapshot) {
        MongoEngine.requireUserBucket(snapshot.bucketId());
        BsonDocument document = SnapshotDocuments.toDocument(snapshot);
        MongoEngine.encode(document, "snapshot");
        if (heads.maintained()) {
            return Failures.call("addSnapshot", description, () -> addWithHead(snapshot, document));
        }
        return Failures.call("addSnapshot", description, () -> {
            BsonDocument any = commits.find(Filters.and(Filters.eq(BUCKET_ID, snapshot.bucketId()),
                    Filters.eq(STREAM_ID, snapshot.streamId()))).projection(Projections.include(ID)).first();
            if (any == null) {
                return false;
            }
            snapshots.replaceOne(Filters.eq(ID, document.get(ID)), document, new ReplaceOptions().upsert(true));
            return true;
        });
    }

    /**
     * With stream heads maintained, as C#'s AddSnapshot: a stream needs a head, and the head records the snapshot.
     * A stream committed before heads were maintained has commits but no head: it gets one here, from its commits.
     */
    private boolean addWithHead(SnapshotRecord snapshot, BsonDocument document) {
        heads.awaitPending();
        if (heads.find(snapshot.bucketId(), snapshot.streamId()).isEmpty()) {
            BsonDocument last = commits.find(Filters.and(Filters.eq(BUCKET_ID, snapshot.bucketId()),
                            Filters.eq(STREAM_ID, snapshot.streamId())))
                    .sort(Sorts.descending(STREAM_REVISION_TO)).projection(Projections.include(STREAM_REVISION_TO))
                    .limit(1).first();
            if (last == null) {
                return false;
            }
            heads.create(snapshot.bucketId(), snapshot.streamId(), last.getNumber(STREAM_REVISION_TO).longValue());
        }
        snapshots.replaceOne(Filters.eq(ID, document.get(ID)), document, new ReplaceOptions().upsert(true));
        heads.snapshotted(snapshot.bucketId(), snapshot.streamId(), snapshot.streamRevision());
        return true;
    }

    @Override
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        MongoEngine.requireUserBucket(stream.bucketId());
        return Failures.call("snapshot", description, () -> Optional.ofNullable(snapshots.find(Filters.and(
                        Filters.eq(ID + "." + BUCKET_ID, stream.bucketId()),
                        Filters.eq(ID + "." + STREAM_ID, stream.streamId()),
                        Filters.lte(ID + "." + Fields.STREAM_REVISION, maxRevision)))
                .sort(Sorts.descending(ID + "." + Fields.STREAM_REVISION)).limit(1).first())
                .map(document -> SnapshotDocuments.toRecord(document, uuids)));
    }

    /**
     * With stream heads maintained, they are read from the {@code Streams} collection (after this engine's queued
     * updates). Otherwise heads are computed, not stored: the head revision is the highest {@code StreamRevisionTo} of the stream's
     * commits and the snapshot revision the highest of its snapshots, so they are right as soon as a commit or a
     * snapshot returns without a second write per commit. Pages of streams in id order, two queries a page.
     */
    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        MongoEngine.requireUserBucket(bucketId);
        if (heads.maintained()) {
            return Pages.stream(pageSize, (StreamHead last) -> {
                ensureOpen.run();
                return Failures.call("streamsToSnapshot", description, () -> {
                    if (last == null) {
                        heads.awaitPending();
                    }
                    return heads.page(bucketId, threshold, last == null ? null : last.streamId(), pageSize);
                });
            });
        }
        return Pages.stream(pageSize, (StreamHead last) -> headsAfter(bucketId, last == null ? null : last.streamId()))
                .filter(head -> head.unsnapshotted() >= threshold);
    }

    private List<StreamHead> headsAfter(String bucketId, String afterStreamId) {
        ensureOpen.run();
        return Failures.call("streamsToSnapshot", description, () -> {
            Bson match = afterStreamId == null ? Filters.eq(BUCKET_ID, bucketId)
                    : Filters.and(Filters.eq(BUCKET_ID, bucketId), Filters.gt(STREAM_ID, afterStreamId));
            List<BsonDocument> groups = commits.aggregate(List.of(
                    Aggregates.match(match),
                    Aggregates.group("$" + STREAM_ID, Accumulators.max("head", "$" + STREAM_REVISION_TO)),
                    Aggregates.sort(Sorts.ascending(ID)),
                    Aggregates.limit(pageSize))).into(new ArrayList<>());
            if (groups.isEmpty()) {
                return List.of();
            }
            List<String> streamIds = groups.stream().map(g -> g.getString(ID).getValue()).toList();
            Map<String, Long> snapshotRevisions = new HashMap<>();
            for (BsonDocument group : snapshots.aggregate(List.of(
                    Aggregates.match(Filters.and(Filters.eq(ID + "." + BUCKET_ID, bucketId),
                            Filters.in(ID + "." + STREAM_ID, streamIds))),
                    Aggregates.group("$" + ID + "." + STREAM_ID,
                            Accumulators.max("revision", "$" + ID + "." + Fields.STREAM_REVISION))))) {
                snapshotRevisions.put(group.getString(ID).getValue(), group.getNumber("revision").longValue());
            }
            List<StreamHead> heads = new ArrayList<>(groups.size());
            for (BsonDocument group : groups) {
                String streamId = group.getString(ID).getValue();
                heads.add(new StreamHead(bucketId, streamId, group.getNumber("head").longValue(),
                        snapshotRevisions.getOrDefault(streamId, 0L)));
            }
            return heads;
        });
    }
}
