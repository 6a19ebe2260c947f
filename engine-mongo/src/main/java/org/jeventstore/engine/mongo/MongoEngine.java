package org.jeventstore.engine.mongo;

import static org.jeventstore.engine.mongo.Fields.BUCKET_ID;
import static org.jeventstore.engine.mongo.Fields.CHECKPOINT;
import static org.jeventstore.engine.mongo.Fields.COMMIT_ID;
import static org.jeventstore.engine.mongo.Fields.COMMIT_SEQUENCE;
import static org.jeventstore.engine.mongo.Fields.COMMIT_STAMP;
import static org.jeventstore.engine.mongo.Fields.EVENTS;
import static org.jeventstore.engine.mongo.Fields.ID;
import static org.jeventstore.engine.mongo.Fields.LEASE;
import static org.jeventstore.engine.mongo.Fields.RECYCLE_BIN;
import static org.jeventstore.engine.mongo.Fields.STREAM_ID;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION_FROM;
import static org.jeventstore.engine.mongo.Fields.STREAM_REVISION_TO;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.BulkWriteOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.UuidRepresentation;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.conversions.Bson;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.PayloadTooLargeException;
import org.jeventstore.StorageException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StreamRange;
import org.jeventstore.spi.TimeRange;

/**
 * The MongoDB engine. A commit is one {@code insert} of one document whose {@code _id} is the checkpoint: the
 * last checkpoint this engine saw plus one. A duplicate key means the commit id, the sequence or a revision of the
 * commit's range is taken in the stream (one query tells which), or that another writer took the checkpoint, in
 * which case the engine reads the highest {@code _id} and tries the next one. Because a writer only tries <i>c</i> after it
 * saw <i>c-1</i> stored, no checkpoint becomes visible before a lower one: the feed has no late arrivals. Deleted
 * commits leave tombstones, so that an {@code _id} once taken stays taken. See docs/engines/mongo.md.
 */
final class MongoEngine implements PersistenceEngine {

    /** MongoDB's largest document (maxBsonObjectSize). */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    /** Stop retrying a commit that keeps losing its checkpoint after this many tries: something is wrong. */
    private static final int MAX_CHECKPOINT_TRIES = 10_000;

    /** Commits tombstoned per round trip by deleteStream and purge. */
    private static final int TOMBSTONE_BATCH = 500;

    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private final String description;
    private final UuidRepresentation uuids;
    private final int pageSize;
    private final MongoClient client;
    private final MongoCollection<BsonDocument> commits;
    private final MongoCollection<BsonDocument> majorityCommits;
    private final MongoCollection<RawBsonDocument> rawCommits;
    private final MongoCollection<BsonDocument> snapshots;
    private final MongoCollection<BsonDocument> positions;

    /** Serializes this engine's commits: a commit may only try checkpoint c after c-1 was stored. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** The highest checkpoint this engine has seen stored; guarded by {@link #commitLock}. */
    private long lastCheckpoint;
    private volatile boolean closed;

    private MongoEngine(MongoSettings settings, EngineOptions options, MongoClient client) {
        this.description = settings.description();
        this.uuids = settings.uuids();
        this.pageSize = options.pageSize();
        this.client = client;
        MongoDatabase database = client.getDatabase(settings.database());
        String prefix = settings.collectionPrefix();
        // The primary, whatever the URI prefers: a commit must see every conflict and checkpoint, and a read
        // after a commit must see it (stream heads are up to date when commit returns).
        this.commits = database.getCollection(prefix + Fields.COMMITS, BsonDocument.class)
                .withReadPreference(ReadPreference.primary());
        // Majority-committed commits only, for what must never rest on a write a failover can roll back: the feed
        // (a reader would move past a checkpoint that another writer may take again), the highest checkpoint (a
        // writer would build c+1 on such a c, and c resent later would arrive behind readers past c+1) and the
        // conflict query (a verdict on a commit that may vanish). A commit's checkpoint is chosen after its
        // predecessor was stored, so a majority snapshot holding c holds c-1 too: no late arrivals.
        this.majorityCommits = commits.withReadConcern(ReadConcern.MAJORITY);
        this.rawCommits = commits.withDocumentClass(RawBsonDocument.class);
        this.snapshots = database.getCollection(prefix + Fields.SNAPSHOTS, BsonDocument.class)
                .withReadPreference(ReadPreference.primary());
        this.positions = database.getCollection(prefix + Fields.POSITIONS, BsonDocument.class)
                .withReadPreference(ReadPreference.primary());
    }

    /**
     * Opens an engine: connects, creates the indexes if missing and reads the highest checkpoint.
     *
     * @param customizer adjusts the driver settings after the connection string was applied (tests add a command
     *                   listener here)
     */
    static MongoEngine open(MongoSettings settings, EngineOptions options,
                            Consumer<MongoClientSettings.Builder> customizer) {
        // w=majority always: a commit acknowledged by fewer nodes could be rolled back by a failover
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(settings.connectionString())
                .writeConcern(settings.writeConcern())
                .uuidRepresentation(settings.uuids());
        customizer.accept(builder);
        MongoClient client = MongoClients.create(builder.build());
        MongoEngine engine = new MongoEngine(settings, options, client);
        try {
            Failures.run("initialization", engine.description, () -> {
                Schema.ensureIndexes(engine.commits, engine.snapshots);
                engine.lastCheckpoint = engine.readHighestCheckpoint();
            });
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return engine;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.READ_BY_TIME);
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        requireUserBucket(attempt.bucketId());
        ensureOpen();
        BsonDocument document = CommitDocuments.toDocument(attempt, 0, uuids);
        commitLock.lock();
        try {
            ensureOpen();
            for (int tries = 1; ; tries++) {
                long checkpoint = lastCheckpoint + 1;
                document.put(ID, new BsonInt64(checkpoint));
                RawBsonDocument raw = encode(document, "commit");
                try {
                    rawCommits.insertOne(raw);
                    lastCheckpoint = checkpoint;
                    return new CommitRecord(attempt, checkpoint);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw Failures.translate("commit", description, e);
                    }
                    rejectStreamConflict(attempt, e);
                    // Another writer took the checkpoint: catch up and try the next free one.
                    if (tries == MAX_CHECKPOINT_TRIES) {
                        throw new StorageException("MongoDB commit failed on " + description + ": checkpoint "
                                + checkpoint + " was taken " + tries + " times in a row");
                    }
                    // No conflicting commit: the checkpoint was taken, or the stream conflict vanished (a delete)
                    // in between, or it is not majority-committed yet. Either way the highest majority-committed
                    // checkpoint tells where to go on (the same one again, until the commit in flight there is
                    // committed or rolled back); never jump past it, or the skipped checkpoint could be taken
                    // later by another writer, behind a reader.
                    lastCheckpoint = Failures.call("commit", description, this::readHighestCheckpoint);
                } catch (MongoException e) {
                    throw Failures.translate("commit", description, e);
                }
            }
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Tells a duplicate commit and a concurrency conflict from a taken checkpoint after a duplicate-key error, by
     * looking for the stream's conflicting commit. The Java driver does not pass on the violated index's key
     * pattern and the message text is no contract, so the stored data decides; the query is needed anyway because
     * the duplicate check must win over the concurrency check whichever index the server reported.
     */
    private void rejectStreamConflict(CommitAttempt attempt, MongoWriteException cause) {
        BsonValue commitId = Uuids.write(attempt.commitId(), uuids);
        List<BsonDocument> conflicts = Failures.call("commit", description, () -> majorityCommits.find(Filters.and(
                        Filters.eq(BUCKET_ID, attempt.bucketId()),
                        Filters.eq(STREAM_ID, attempt.streamId()),
                        Filters.or(
                                Filters.eq(COMMIT_ID, commitId),
                                Filters.eq(COMMIT_SEQUENCE, attempt.commitSequence()),
                                // $elemMatch with both bounds on one field lets the multikey revision index
                                // bound both ends of the range
                                Filters.elemMatch(EVENTS, new BsonDocument(STREAM_REVISION,
                                        new BsonDocument("$gte", new BsonInt64(attempt.firstRevision()))
                                                .append("$lte", new BsonInt64(attempt.streamRevision())))))))
                .projection(Projections.include(COMMIT_ID))
                .limit(3)
                .into(new ArrayList<>()));
        for (BsonDocument conflict : conflicts) {
            if (commitId.equals(conflict.get(COMMIT_ID))) {
                throw new DuplicateCommitException("Commit " + attempt.commitId() + " is already stored in stream "
                        + attempt.bucketId() + "/" + attempt.streamId(), cause);
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ConcurrencyException("Commit sequence " + attempt.commitSequence() + " or revisions "
                    + attempt.firstRevision() + ".." + attempt.streamRevision() + " of stream " + attempt.bucketId()
                    + "/" + attempt.streamId() + " are already taken", cause);
        }
    }

    private long readHighestCheckpoint() {
        BsonDocument highest = majorityCommits.find().sort(Sorts.descending(ID)).projection(Projections.include(ID))
                .limit(1).first();
        return highest == null ? 0 : highest.getNumber(ID).longValue();
    }

    private RawBsonDocument encode(BsonDocument document, String what) {
        RawBsonDocument raw = new RawBsonDocument(document, CODEC);
        int size = raw.getByteBuffer().remaining();
        if (size > MAX_DOCUMENT_BYTES) {
            throw new PayloadTooLargeException("The " + what + " is " + size + " bytes as a BSON document; MongoDB "
                    + "stores documents of up to " + MAX_DOCUMENT_BYTES + " bytes (16 MiB)");
        }
        return raw;
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        Objects.requireNonNull(range, "range");
        requireUserBucket(range.bucketId());
        ensureOpen();
        return lazyCommits(commits, Filters.and(
                Filters.eq(BUCKET_ID, range.bucketId()),
                Filters.eq(STREAM_ID, range.streamId()),
                Filters.gte(STREAM_REVISION_TO, range.minRevision()),
                Filters.lte(STREAM_REVISION_FROM, range.maxRevision())), Sorts.ascending(STREAM_REVISION_FROM));
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        Objects.requireNonNull(range, "range");
        if (!range.allBuckets()) {
            requireUserBucket(range.bucketId());
        }
        ensureOpen();
        Bson bucket = range.allBuckets() ? Filters.ne(BUCKET_ID, RECYCLE_BIN) : Filters.eq(BUCKET_ID, range.bucketId());
        return lazyCommits(majorityCommits, Filters.and(bucket, Filters.gt(ID, range.afterCheckpoint()),
                Filters.lte(ID, range.toCheckpoint())), Sorts.ascending(ID));
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        Objects.requireNonNull(range, "range");
        requireUserBucket(range.bucketId());
        ensureOpen();
        long from = ceilingMillis(range.from());
        long to = ceilingMillis(range.to());
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq(BUCKET_ID, range.bucketId()),
                Filters.gte(COMMIT_STAMP, new BsonDateTime(from))));
        if (to != Long.MAX_VALUE) {
            filters.add(Filters.lt(COMMIT_STAMP, new BsonDateTime(to)));
        }
        return lazyCommits(majorityCommits, Filters.and(filters), Sorts.ascending(COMMIT_STAMP, ID));
    }

    /** An instant as epoch milliseconds rounded up (stamps are whole milliseconds), clamped to BSON's range. */
    private static long ceilingMillis(Instant instant) {
        try {
            long millis = instant.toEpochMilli();
            return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
        } catch (ArithmeticException outOfRange) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private Stream<CommitRecord> lazyCommits(MongoCollection<BsonDocument> source, Bson filter, Bson sort) {
        return CursorStreams.stream(source.find(filter).sort(sort), pageSize, this::decodeCommit, description,
                this::ensureOpen);
    }

    private CommitRecord decodeCommit(BsonDocument document) {
        try {
            return CommitDocuments.toRecord(document, uuids);
        } catch (RuntimeException e) {
            throw new StorageException("Commit document " + document.get(ID) + " in " + description
                    + " is not in the expected shape", e);
        }
    }

    @Override
    public boolean addSnapshot(SnapshotRecord snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        requireUserBucket(snapshot.bucketId());
        ensureOpen();
        BsonDocument document = SnapshotDocuments.toDocument(snapshot);
        encode(document, "snapshot");
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

    @Override
    public Optional<SnapshotRecord> snapshot(String bucketId, String streamId, long maxRevision) {
        requireUserBucket(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        return Failures.call("snapshot", description, () -> Optional.ofNullable(snapshots.find(Filters.and(
                        Filters.eq(ID + "." + BUCKET_ID, bucketId),
                        Filters.eq(ID + "." + STREAM_ID, streamId),
                        Filters.lte(ID + "." + Fields.STREAM_REVISION, maxRevision)))
                .sort(Sorts.descending(ID + "." + Fields.STREAM_REVISION)).limit(1).first())
                .map(document -> SnapshotDocuments.toRecord(document, uuids)));
    }

    /**
     * Heads are computed, not stored: the head revision is the highest {@code StreamRevisionTo} of the stream's
     * commits and the snapshot revision the highest of its snapshots, so they are right as soon as a commit or a
     * snapshot returns without a second write per commit. Pages of streams in id order, two queries a page.
     */
    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        requireUserBucket(bucketId);
        ensureOpen();
        return Pages.stream(pageSize, (StreamHead last) -> headsAfter(bucketId, last == null ? null : last.streamId()))
                .filter(head -> head.unsnapshotted() >= threshold);
    }

    private List<StreamHead> headsAfter(String bucketId, String afterStreamId) {
        ensureOpen();
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

    /** Snapshots go first, so that a crash half-way never leaves snapshots of a stream whose commits are gone. */
    @Override
    public void deleteStream(String bucketId, String streamId) {
        requireUserBucket(bucketId);
        Ids.requireStreamId(streamId);
        ensureOpen();
        Failures.run("deleteStream", description, () -> {
            snapshots.deleteMany(Filters.and(Filters.eq(ID + "." + BUCKET_ID, bucketId),
                    Filters.eq(ID + "." + STREAM_ID, streamId)));
            tombstone(Filters.and(Filters.eq(BUCKET_ID, bucketId), Filters.eq(STREAM_ID, streamId)));
        });
    }

    @Override
    public void purge() {
        ensureOpen();
        Failures.run("purge", description, () -> {
            snapshots.deleteMany(new BsonDocument());
            tombstone(Filters.ne(BUCKET_ID, RECYCLE_BIN));
        });
    }

    @Override
    public void purge(String bucketId) {
        requireUserBucket(bucketId);
        ensureOpen();
        Failures.run("purge", description, () -> {
            snapshots.deleteMany(Filters.eq(ID + "." + BUCKET_ID, bucketId));
            tombstone(Filters.eq(BUCKET_ID, bucketId));
        });
    }

    /**
     * Replaces the matching commits by tombstones {@code {_id, BucketId: ":rb", StreamId: "<checkpoint>"}}: the
     * checkpoint stays taken, so no writer can ever insert it again, while the stream's unique keys are free for a
     * re-created stream. Each replacement is atomic; a crash half-way leaves whole commits and whole tombstones, and
     * running the delete again finishes it.
     */
    private void tombstone(Bson matching) {
        // Commits made after the delete began are not its business, and bounding it keeps it finite under load.
        Bson filter = Filters.and(matching, Filters.lte(ID, readHighestCheckpoint()));
        while (true) {
            List<BsonDocument> ids = commits.find(filter).projection(Projections.include(ID)).sort(Sorts.ascending(ID))
                    .limit(TOMBSTONE_BATCH).into(new ArrayList<>());
            if (ids.isEmpty()) {
                return;
            }
            List<ReplaceOneModel<BsonDocument>> replacements = new ArrayList<>(ids.size());
            for (BsonDocument id : ids) {
                BsonValue checkpoint = id.get(ID);
                replacements.add(new ReplaceOneModel<>(Filters.eq(ID, checkpoint), new BsonDocument(ID, checkpoint)
                        .append(BUCKET_ID, new BsonString(RECYCLE_BIN))
                        .append(STREAM_ID, new BsonString(String.valueOf(checkpoint.asNumber().longValue())))));
            }
            commits.bulkWrite(replacements, new BulkWriteOptions().ordered(false));
        }
    }

    @Override
    public Optional<Position> position(String name) {
        Ids.requirePositionName(name);
        ensureOpen();
        return Failures.call("position", description,
                () -> Optional.ofNullable(positions.find(Filters.eq(ID, name)).first()).map(MongoEngine::positionOf));
    }

    @Override
    public void savePosition(Position position) {
        Objects.requireNonNull(position, "position");
        ensureOpen();
        Failures.run("savePosition", description, () -> positions.replaceOne(Filters.eq(ID, position.name()),
                document(position), new ReplaceOptions().upsert(true)));
    }

    /**
     * One round trip: an insert, whose duplicate key means the position exists, or a replace filtered on the
     * expected checkpoint and lease, which matches nothing if either changed. A single-document write is atomic,
     * and a retryable write resent by the driver is answered with its first outcome.
     */
    @Override
    public boolean replacePosition(Position expected, Position next) {
        Ids.requireReplacement(expected, next);
        ensureOpen();
        return Failures.call("replacePosition", description, () -> {
            if (expected == null) {
                try {
                    positions.insertOne(document(next));
                    return true;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                        return false;
                    }
                    throw e;
                }
            }
            Bson lease = expected.lease().isEmpty()
                    ? Filters.or(Filters.eq(LEASE, ""), Filters.exists(LEASE, false))
                    : Filters.eq(LEASE, expected.lease());
            Bson filter = Filters.and(Filters.eq(ID, expected.name()),
                    Filters.eq(CHECKPOINT, expected.checkpoint()), lease);
            return positions.replaceOne(filter, document(next)).getMatchedCount() == 1;
        });
    }

    private static BsonDocument document(Position position) {
        return new BsonDocument(ID, new BsonString(position.name()))
                .append(CHECKPOINT, new BsonInt64(position.checkpoint()))
                .append(LEASE, new BsonString(position.lease()));
    }

    private static Position positionOf(BsonDocument document) {
        BsonValue lease = document.get(LEASE);
        return new Position(document.getString(ID).getValue(), document.getNumber(CHECKPOINT).longValue(),
                lease == null ? "" : lease.asString().getValue());
    }

    @Override
    public void deletePosition(String name) {
        Ids.requirePositionName(name);
        ensureOpen();
        Failures.run("deletePosition", description, () -> positions.deleteOne(Filters.eq(ID, name)));
    }

    /** Names with a prefix are one contiguous range in MongoDB's string order, starting at the prefix itself. */
    @Override
    public Stream<Position> positions(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        ensureOpen();
        return Pages.stream(pageSize, (Position last) -> {
            ensureOpen();
            Bson filter = last == null ? Filters.gte(ID, namePrefix) : Filters.gt(ID, last.name());
            return Failures.call("positions", description, () -> {
                List<Position> page = new ArrayList<>(pageSize);
                for (BsonDocument document : positions.find(filter).sort(Sorts.ascending(ID)).limit(pageSize)) {
                    Position position = positionOf(document);
                    if (!position.name().startsWith(namePrefix)) {
                        break;
                    }
                    page.add(position);
                }
                return page;
            });
        });
    }

    @Override
    public void drop() {
        ensureOpen();
        try {
            Failures.run("drop", description, () -> {
                commits.drop();
                snapshots.drop();
                positions.drop();
            });
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            client.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The engine " + description + " is closed");
        }
    }

    /** The C# engine's recycle bin is no bucket a caller may use: its commits are deleted ones. */
    private static void requireUserBucket(String bucketId) {
        Ids.requireBucketId(bucketId);
        if (RECYCLE_BIN.equals(bucketId)) {
            throw new IllegalArgumentException("The bucket id " + RECYCLE_BIN + " is reserved by the MongoDB engine "
                    + "for deleted commits");
        }
    }

    @Override
    public String toString() {
        return "MongoEngine[" + description + "]";
    }
}
