package org.jeventstore.engine.mongo;

import static org.jeventstore.engine.mongo.Fields.BUCKET_ID;
import static org.jeventstore.engine.mongo.Fields.COMMIT_ID;
import static org.jeventstore.engine.mongo.Fields.COMMIT_SEQUENCE;
import static org.jeventstore.engine.mongo.Fields.COMMIT_STAMP;
import static org.jeventstore.engine.mongo.Fields.EVENTS;
import static org.jeventstore.engine.mongo.Fields.ID;
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
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bson.BsonBinarySubType;
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
import org.jeventstore.spi.AbstractPersistenceEngine;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Ids;
import org.jeventstore.spi.StreamKey;
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
final class MongoEngine extends AbstractPersistenceEngine {

    /** MongoDB's largest document (maxBsonObjectSize). */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    /** Stop retrying a commit that keeps losing its checkpoint after this many tries: something is wrong. */
    private static final int MAX_CHECKPOINT_TRIES = 10_000;

    /** Commits tombstoned per round trip by deleteStream and purge. */
    private static final int TOMBSTONE_BATCH = 500;

    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    /**
     * Commits with events: what readers see. Empty ones are fillers holding a checkpoint (this engine's
     * tombstones, C#'s FillHole), which no reader is shown.
     */
    static final Bson HAS_EVENTS = Filters.exists(EVENTS + ".0");

    private static final System.Logger LOG = System.getLogger(MongoEngine.class.getName());

    private final String description;
    private final MongoTarget target;
    private final UuidRepresentation uuids;
    private final int pageSize;
    private final MongoClient client;
    /** Whether this engine created its client, and so closes it: an application's client is the application's. */
    private final boolean ownsClient;
    private final MongoCollection<BsonDocument> commits;
    private final MongoCollection<BsonDocument> majorityCommits;
    private final MongoCollection<RawBsonDocument> rawCommits;
    private final MongoCollection<BsonDocument> snapshots;
    private final MongoCollection<BsonDocument> positions;
    private final StreamHeads heads;

    /** Serializes this engine's commits: a commit may only try checkpoint c after c-1 was stored. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** The highest checkpoint this engine has seen stored; guarded by {@link #commitLock}. */
    private long lastCheckpoint;
    private volatile boolean closed;

    private MongoEngine(MongoTarget target, EngineOptions options, MongoClient client, boolean ownsClient) {
        this.description = target.description();
        this.target = target;
        this.uuids = target.uuids();
        this.pageSize = options.pageSize();
        this.client = client;
        this.ownsClient = ownsClient;
        // This engine's own codecs and write concern, whatever the client's: it reads and writes BSON documents only,
        // and every write is w=majority.
        MongoDatabase database = client.getDatabase(target.database())
                .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry())
                .withWriteConcern(target.writeConcern());
        String prefix = target.collectionPrefix();
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
        this.heads = new StreamHeads(description, database.getCollection(prefix + Fields.STREAMS, BsonDocument.class)
                .withReadPreference(ReadPreference.primary()), target.streamHeads());
        facets(new MongoSnapshots(description, uuids, pageSize, commits, snapshots, heads, this::ensureOpen),
                new MongoPositions(description, pageSize, positions, this::ensureOpen));
    }

    /**
     * Opens an engine for a store URI: creates its client, connects, creates the indexes if missing and reads the
     * highest checkpoint.
     *
     * @param customizer adjusts the driver settings after the connection string was applied (tests add a command
     *                   listener here)
     */
    static MongoEngine open(MongoSettings settings, EngineOptions options,
                            Consumer<MongoClientSettings.Builder> customizer) {
        // w=majority always: a commit acknowledged by fewer nodes could be rolled back by a failover
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(settings.connectionString())
                .writeConcern(settings.target().writeConcern())
                .uuidRepresentation(settings.uuids());
        customizer.accept(builder);
        return open(MongoClients.create(builder.build()), true, settings.target(), options);
    }

    /**
     * Opens an engine over a client: creates the indexes if missing and reads the highest checkpoint. A client the
     * engine does not own is never closed by it, not even when opening fails.
     */
    static MongoEngine open(MongoClient client, boolean ownsClient, MongoTarget target, EngineOptions options) {
        MongoEngine engine;
        try {
            engine = new MongoEngine(target, options, client, ownsClient);
            Failures.run("initialization", engine.description, () -> {
                Schema.ensureIndexes(engine.commits, engine.snapshots);
                if (engine.heads.maintained()) {
                    Schema.ensureStreamIndexes(engine.heads.collection());
                }
                engine.lastCheckpoint = engine.readCheckpointToGoOnFrom();
            });
        } catch (RuntimeException e) {
            if (ownsClient) {
                client.close();
            }
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
        requireUserBucket(attempt.bucketId());
        BsonDocument document = CommitDocuments.toDocument(attempt, 0, uuids);
        commitLock.lock();
        try {
            // Another thread may have closed the engine while this one waited for the lock.
            ensureOpen();
            for (int tries = 1; ; tries++) {
                long checkpoint = lastCheckpoint + 1;
                document.put(ID, new BsonInt64(checkpoint));
                RawBsonDocument raw = encode(document, "commit");
                try {
                    rawCommits.insertOne(raw);
                    lastCheckpoint = checkpoint;
                    // after the commit's one round trip, on the heads' background thread
                    heads.committed(attempt.bucketId(), attempt.streamId(), attempt.streamRevision(),
                            attempt.events().size());
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
                    // Never below what this engine stored itself: another program may have deleted it since (a C#
                    // Purge), and readers may have passed it.
                    lastCheckpoint = Math.max(lastCheckpoint,
                            Failures.call("commit", description, this::readHighestCommit));
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

    /**
     * The checkpoint after which a newly opened writer goes on: the highest stored commit's, or the highest stored
     * position's if that is higher (an open writer never goes below its own last commit, so reads only commits). Only another program frees checkpoints (this engine's deletes leave fillers): the C#
     * engine's {@code Purge()} deletes every commit, its {@code Purge(bucket)} a bucket's, and its
     * {@code EmptyRecycleBin()} its deleted commits. Positions live in a collection the C# engine does not know,
     * and a reader that stored one has passed that checkpoint, so going on above it never hides a commit from it.
     */
    private long readCheckpointToGoOnFrom() {
        BsonDocument highest = highestCommit();
        if (highest != null) {
            requireSameGuids(highest.get(COMMIT_ID));
        }
        long commit = checkpointOf(highest);
        BsonDocument position = positions.withReadConcern(ReadConcern.MAJORITY).find()
                .sort(Sorts.descending(Fields.CHECKPOINT)).projection(Projections.include(Fields.CHECKPOINT))
                .limit(1).first();
        long passed = position == null || !position.isNumber(Fields.CHECKPOINT) ? 0
                : position.getNumber(Fields.CHECKPOINT).longValue();
        if (passed > commit) {
            LOG.log(System.Logger.Level.WARNING, "{0}: a reader''s position is at checkpoint {1}, above the highest "
                    + "stored commit {2}: commits were deleted by another program (a C# Purge?); going on after {1}",
                    description, passed, commit);
            return passed;
        }
        return commit;
    }

    private long readHighestCommit() {
        return checkpointOf(highestCommit());
    }

    private BsonDocument highestCommit() {
        return majorityCommits.find().sort(Sorts.descending(ID)).projection(Projections.include(ID, COMMIT_ID))
                .limit(1).first();
    }

    private static long checkpointOf(BsonDocument commit) {
        return commit == null ? 0 : commit.getNumber(ID).longValue();
    }

    /**
     * Refuses to go on writing commit ids in another representation than the store's (C# ≤ 10 wrote subtype 3):
     * duplicate detection compares the stored bytes, and a C# reader of one representation fails on the other.
     */
    private void requireSameGuids(BsonValue storedId) {
        if (storedId == null || !storedId.isBinary() || !Uuids.isUuid(storedId.asBinary())) {
            return;
        }
        boolean legacy = storedId.asBinary().getType() == BsonBinarySubType.UUID_LEGACY.getValue();
        if (legacy == (uuids == UuidRepresentation.STANDARD)) {
            UuidRepresentation wanted = legacy ? UuidRepresentation.C_SHARP_LEGACY : UuidRepresentation.STANDARD;
            throw new IllegalArgumentException("The store " + description + " holds commit ids as "
                    + (legacy ? "legacy GUIDs (BSON binary subtype 3, the C# driver's default before 3.0)"
                    : "standard UUIDs (BSON binary subtype 4)") + ", and this engine would write them otherwise "
                    + "(uuidRepresentation " + uuids + "): " + target.howToChoose(wanted));
        }
    }

    /** The document as BSON, refused if MongoDB would not store it. */
    static RawBsonDocument encode(BsonDocument document, String what) {
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
        requireUserBucket(range.bucketId());
        return lazyCommits(commits, Filters.and(
                Filters.eq(BUCKET_ID, range.bucketId()),
                HAS_EVENTS,
                Filters.eq(STREAM_ID, range.streamId()),
                Filters.gte(STREAM_REVISION_TO, range.minRevision()),
                Filters.lte(STREAM_REVISION_FROM, range.maxRevision())), Sorts.ascending(STREAM_REVISION_FROM));
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        if (!range.allBuckets()) {
            requireUserBucket(range.bucketId());
        }
        Bson bucket = range.allBuckets() ? Filters.ne(BUCKET_ID, RECYCLE_BIN) : Filters.eq(BUCKET_ID, range.bucketId());
        return lazyCommits(majorityCommits, Filters.and(bucket, Filters.gt(ID, range.afterCheckpoint()),
                Filters.lte(ID, range.toCheckpoint()), HAS_EVENTS), Sorts.ascending(ID));
    }

    /**
     * The feed's last commit, found walking the {@code _id} index down from the top: the first document that
     * {@link #readFeed} would return, past fillers (tombstones, C# FillHole), the recycle bin and commits with ids
     * this library passes over. In a store that only appends, that is the first document looked at.
     */
    @Override
    public long lastCheckpoint() {
        ensureOpen();
        return Failures.call("lastCheckpoint", description, () -> {
            try (MongoCursor<BsonDocument> cursor = majorityCommits
                    .find(Filters.and(Filters.ne(BUCKET_ID, RECYCLE_BIN), HAS_EVENTS))
                    .sort(Sorts.descending(ID))
                    .projection(Projections.include(ID, BUCKET_ID, STREAM_ID))
                    .batchSize(pageSize)
                    .cursor()) {
                while (cursor.hasNext()) {
                    BsonDocument document = cursor.next();
                    if (shownToReaders(document)) {
                        return checkpointOf(document);
                    }
                }
                return 0L;
            }
        });
    }

    @Override
    public Stream<CommitRecord> readByTime(TimeRange range) {
        requireUserBucket(range.bucketId());
        long from = ceilingMillis(range.from());
        long to = ceilingMillis(range.to());
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq(BUCKET_ID, range.bucketId()),
                Filters.gte(COMMIT_STAMP, new BsonDateTime(from)), HAS_EVENTS));
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
                this::ensureOpen).flatMap(Optional::stream);
    }

    /**
     * The commit of a document, or nothing for a commit whose bucket or stream id this library cannot represent
     * (the C# engine takes any string): a reader passes over it rather than stop at it for good.
     */
    private Optional<CommitRecord> decodeCommit(BsonDocument document) {
        if (!shownToReaders(document)) {
            LOG.log(System.Logger.Level.WARNING, "{0}: commit {1} is passed over: its bucket or stream id is one "
                    + "this library does not accept (over " + Ids.MAX_LENGTH + " characters, or a control "
                    + "character)", description, document.get(ID));
            return Optional.empty();
        }
        try {
            return Optional.of(CommitDocuments.toRecord(document, uuids));
        } catch (RuntimeException e) {
            throw new StorageException("Commit document " + document.get(ID) + " in " + description
                    + " is not in the expected shape", e);
        }
    }

    /** Whether readers are shown the commit: not when this library cannot represent its bucket or stream id. */
    private static boolean shownToReaders(BsonDocument document) {
        BsonValue bucketId = document.get(BUCKET_ID);
        BsonValue streamId = document.get(STREAM_ID);
        return !(bucketId != null && bucketId.isString() && streamId != null && streamId.isString())
                || acceptedId(bucketId.asString().getValue()) && acceptedId(streamId.asString().getValue());
    }

    private static boolean acceptedId(String id) {
        try {
            Ids.requireStreamId(id);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    /**
     * The head and snapshots go first, so that a crash half-way never leaves snapshots of a stream whose commits are
     * gone. The head (C#'s, or ours with streamHeads) is deleted whatever the setting: C# would list the stream.
     */
    @Override
    public void deleteStream(StreamKey stream) {
        requireUserBucket(stream.bucketId());
        Failures.run("deleteStream", description, () -> {
            heads.delete(stream.bucketId(), stream.streamId());
            snapshots.deleteMany(Filters.and(Filters.eq(ID + "." + BUCKET_ID, stream.bucketId()),
                    Filters.eq(ID + "." + STREAM_ID, stream.streamId())));
            tombstone(Filters.and(Filters.eq(BUCKET_ID, stream.bucketId()), Filters.eq(STREAM_ID, stream.streamId())));
        });
    }

    @Override
    public void purge(Optional<String> bucketId) {
        bucketId.ifPresent(MongoEngine::requireUserBucket);
        Failures.run("purge", description, () -> {
            heads.purge(bucketId);
            if (bucketId.isPresent()) {
                snapshots.deleteMany(Filters.eq(ID + "." + BUCKET_ID, bucketId.get()));
                tombstone(Filters.eq(BUCKET_ID, bucketId.get()));
            } else {
                snapshots.deleteMany(new BsonDocument());
                tombstone(Filters.ne(BUCKET_ID, RECYCLE_BIN));
            }
        });
    }

    /**
     * Replaces the matching commits by fillers shaped as the C# engine's FillHole commits (see
     * {@link CommitDocuments#filler}): the checkpoint stays taken, so no writer can ever insert it again, while the
     * stream's unique keys are free for a re-created stream. Not {@code :rb} documents: the C# engine's
     * {@code EmptyRecycleBin()}, run by every C# start-up up to version 11, deletes those. Each replacement is atomic; a crash half-way leaves whole commits and whole tombstones, and
     * running the delete again finishes it.
     */
    private void tombstone(Bson matching) {
        // Commits made after the delete began are not its business, and bounding it keeps it finite under load.
        Bson filter = Filters.and(matching, HAS_EVENTS, Filters.lte(ID, readHighestCommit()));
        Instant now = Instant.now();
        while (true) {
            List<BsonDocument> ids = commits.find(filter).projection(Projections.include(ID)).sort(Sorts.ascending(ID))
                    .limit(TOMBSTONE_BATCH).into(new ArrayList<>());
            if (ids.isEmpty()) {
                return;
            }
            List<ReplaceOneModel<BsonDocument>> replacements = new ArrayList<>(ids.size());
            for (BsonDocument id : ids) {
                BsonValue checkpoint = id.get(ID);
                replacements.add(new ReplaceOneModel<>(Filters.eq(ID, checkpoint),
                        CommitDocuments.filler(checkpoint.asNumber().longValue(), now, uuids)));
            }
            commits.bulkWrite(replacements, new BulkWriteOptions().ordered(false));
        }
    }

    @Override
    public void drop() {
        try {
            Failures.run("drop", description, () -> {
                heads.drop();
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
            heads.close();
            if (ownsClient) {
                client.close();
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The engine " + description + " is closed");
        }
    }

    /**
     * The C# engine's recycle bin is no bucket a caller may use: its commits are deleted ones. A valid bucket id
     * to the store, so this engine's data model, not {@code CheckedEngine}, refuses it.
     */
    static void requireUserBucket(String bucketId) {
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
