package org.jeventstore.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStream;
import org.jeventstore.observation.Operation;
import org.jeventstore.spi.CommitIdSet;
import org.jeventstore.spi.StreamRange;

/** NEventStore's optimistic event stream: committed state plus a pending unit of work. */
final class OptimisticEventStream implements EventStream {

    private final OptimisticEventStore store;
    private final String bucketId;
    private final String streamId;
    private final List<EventMessage> committed = new ArrayList<>();
    private final Map<String, Object> committedHeaders = new LinkedHashMap<>();
    private final List<EventMessage> uncommitted = new ArrayList<>();
    private final Map<String, Object> uncommittedHeaders = new LinkedHashMap<>();
    private final CommitIdSet identifiers = new CommitIdSet();
    private long streamRevision;
    private long commitSequence;
    /** The last commit read, when it holds events beyond the revision the stream was opened up to. */
    private Commit cut;
    private boolean closed;

    OptimisticEventStream(OptimisticEventStore store, String bucketId, String streamId) {
        this.store = store;
        this.bucketId = bucketId;
        this.streamId = streamId;
    }

    /** Reads the commits of {@code range}, keeping the events from {@code minRevision} on. */
    void load(StreamRange range, long minRevision) {
        try (Stream<Commit> commits = store.readWhole(range)) {
            commits.forEachOrdered(commit -> apply(commit, minRevision, range.maxRevision()));
        }
    }

    /** Starts the stream at a snapshot's revision. */
    void startAt(long snapshotRevision) {
        streamRevision = snapshotRevision;
    }

    private void apply(Commit commit, long minRevision, long maxRevision) {
        identifiers.add(commit.commitId());
        commitSequence = commit.commitSequence();
        cut = commit.streamRevision() > maxRevision ? commit : null;
        long revision = commit.firstRevision();
        if (revision > maxRevision) {
            return;
        }
        committedHeaders.putAll(commit.headers());
        for (EventMessage event : commit.events()) {
            if (revision > maxRevision) {
                break;
            }
            if (revision >= minRevision) {
                committed.add(event);
                streamRevision = revision;
            }
            revision++;
        }
    }

    @Override
    public String bucketId() {
        return bucketId;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public long streamRevision() {
        return streamRevision;
    }

    @Override
    public long commitSequence() {
        return commitSequence;
    }

    @Override
    public List<EventMessage> committedEvents() {
        return Collections.unmodifiableList(committed);
    }

    @Override
    public Map<String, Object> committedHeaders() {
        return Collections.unmodifiableMap(committedHeaders);
    }

    @Override
    public List<EventMessage> uncommittedEvents() {
        return Collections.unmodifiableList(uncommitted);
    }

    @Override
    public Map<String, Object> uncommittedHeaders() {
        ensureOpen();
        return uncommittedHeaders;
    }

    @Override
    public EventStream add(EventMessage event) {
        Objects.requireNonNull(event, "event");
        ensureOpen();
        uncommitted.add(event);
        return this;
    }

    @Override
    public Commit commitChanges(UUID commitId) {
        GuardedObserver observer = store.observer;
        return observer == null ? commit(commitId) : observer.observe(Operation.COMMIT, () -> commit(commitId));
    }

    private Commit commit(UUID commitId) {
        Objects.requireNonNull(commitId, "commitId");
        ensureOpen();
        if (identifiers.contains(commitId)) {
            throw new DuplicateCommitException("Stream " + bucketId + "/" + streamId + " already holds commit "
                    + commitId);
        }
        if (uncommitted.isEmpty()) {
            throw new IllegalStateException("Stream " + bucketId + "/" + streamId + " has no uncommitted events");
        }
        if (cut != null) {
            // The next commit would number its events from inside the cut one, giving two events one revision.
            Commit inside = cut;
            refresh();
            throw new ConcurrencyException("Stream " + bucketId + "/" + streamId + " was opened up to a revision inside "
                    + "commit " + inside.commitId() + " (revisions " + inside.firstRevision() + ".."
                    + inside.streamRevision() + "); it was refreshed to revision " + streamRevision
                    + ", commit again");
        }
        Commit commit;
        try {
            commit = store.commit(bucketId, streamId, streamRevision + uncommitted.size(), commitSequence + 1,
                    commitId, uncommittedHeaders, uncommitted);
        } catch (ConcurrencyException e) {
            refresh();
            throw e;
        }
        identifiers.add(commitId);
        commitSequence = commit.commitSequence();
        streamRevision = commit.streamRevision();
        List<EventMessage> events = commit.events();
        for (int i = 0; i < events.size(); i++) {
            // Not addAll: that copies the list into an array first.
            committed.add(events.get(i));
        }
        committedHeaders.putAll(commit.headers());
        clearChanges();
        store.afterCommit(commit);
        return commit;
    }

    /** Reads what was committed after this stream's revision, keeping the uncommitted changes. */
    private void refresh() {
        load(new StreamRange(bucketId, streamId, streamRevision + 1, Long.MAX_VALUE), streamRevision + 1);
    }

    @Override
    public CompletableFuture<Commit> commitChangesAsync(UUID commitId) {
        Objects.requireNonNull(commitId, "commitId");
        ensureOpen();
        return store.commitAsync(this, commitId);
    }

    @Override
    public void clearChanges() {
        uncommitted.clear();
        uncommittedHeaders.clear();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Stream " + bucketId + "/" + streamId + " is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "EventStream[" + bucketId + "/" + streamId + ", revision=" + streamRevision + ", sequence="
                + commitSequence + ", uncommitted=" + uncommitted.size() + "]";
    }
}
