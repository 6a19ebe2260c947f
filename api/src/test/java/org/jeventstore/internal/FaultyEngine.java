package org.jeventstore.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.Capability;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.PositionStore;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.SnapshotStore;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;

/**
 * Forwards every call to a real engine, records each call (what, when, on which thread, whether after
 * {@link #close()}), and fails the calls it was told to: the next {@code n} calls of one kind, or every call
 * made by an interrupted thread, as drivers that abort blocking I/O on interrupt do. Closing it refuses every
 * later call, as an engine must, but leaves the real engine open for the test to look at.
 */
class FaultyEngine implements PersistenceEngine, SnapshotStore, PositionStore {

    enum Call { COMMIT, READ_STREAM, READ_FEED, POSITION, TAKE_LEASE, SAVE_POSITION, SAVE_PARKED, DELETE_POSITION, POSITIONS,
        DROP, CLOSE, OTHER }

    /** A call as it was made, and whether it was failed on purpose. */
    record Made(Call call, long nanoTime, Thread thread, boolean afterClose, boolean failed) {
    }

    private record Fault(AtomicInteger skip, AtomicInteger remaining, Supplier<RuntimeException> error) {
    }

    private final PersistenceEngine delegate;
    private final List<Made> made = new CopyOnWriteArrayList<>();
    private final Map<Call, Fault> faults = new ConcurrentHashMap<>();
    private volatile boolean failWhenInterrupted;
    private volatile boolean closed;

    FaultyEngine(PersistenceEngine delegate) {
        this.delegate = delegate;
    }

    FaultyEngine() {
        this(new InMemoryEngine(128));
    }

    /** Fails {@code times} calls of {@code call} with a {@link StorageUnavailableException}, from the next one. */
    FaultyEngine failNext(Call call, int times) {
        return fail(call, 1, times, () -> new StorageUnavailableException("injected outage: " + call));
    }

    /** Fails {@code times} calls of {@code call}, from its {@code nth} call from now (1 for the next one). */
    FaultyEngine fail(Call call, int nth, int times, Supplier<RuntimeException> error) {
        faults.put(call, new Fault(new AtomicInteger(nth - 1), new AtomicInteger(times), error));
        return this;
    }

    /** Makes every call by an interrupted thread fail, like a driver whose blocking I/O the interrupt aborted. */
    FaultyEngine failWhenInterrupted() {
        failWhenInterrupted = true;
        return this;
    }

    List<Made> made(Call call) {
        return made.stream().filter(m -> m.call() == call).toList();
    }

    /** How long after the first failed call of this kind the next call of this kind came, in nanoseconds. */
    long retriedAfter(Call call) {
        List<Made> calls = made(call);
        for (int i = 0; i < calls.size() - 1; i++) {
            if (calls.get(i).failed()) {
                return calls.get(i + 1).nanoTime() - calls.get(i).nanoTime();
            }
        }
        throw new AssertionError("no " + call + " was retried after a failure: " + calls);
    }

    /** Whether a call of this kind failed and was made again. */
    boolean retried(Call call) {
        List<Made> calls = made(call);
        for (int i = 0; i < calls.size() - 1; i++) {
            if (calls.get(i).failed()) {
                return true;
            }
        }
        return false;
    }

    int count(Call call) {
        return made(call).size();
    }

    /** Calls made after {@link #close()} (or a drop), the close itself excepted. */
    List<Made> madeAfterClose() {
        return made.stream().filter(Made::afterClose).toList();
    }

    /** The real engine underneath, for a test to look at storage without being counted or failed. */
    PersistenceEngine storage() {
        return delegate;
    }

    private void enter(Call call) {
        long now = System.nanoTime();
        RuntimeException error = null;
        Fault fault = faults.get(call);
        if (failWhenInterrupted && Thread.currentThread().isInterrupted()) {
            error = new StorageUnavailableException("interrupted while calling the backend: " + call);
        } else if (fault != null && fault.skip().getAndDecrement() <= 0 && fault.remaining().getAndDecrement() > 0) {
            error = fault.error().get();
        }
        made.add(new Made(call, now, Thread.currentThread(), closed, error != null));
        if (closed) {
            throw new IllegalStateException("The engine is closed");
        }
        if (error != null) {
            throw error;
        }
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public CommitRecord commit(CommitAttempt attempt) {
        enter(Call.COMMIT);
        return delegate.commit(attempt);
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        enter(Call.READ_STREAM);
        return delegate.readStream(range);
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        enter(Call.READ_FEED);
        return delegate.readFeed(range);
    }

    @Override
    public boolean add(SnapshotRecord snapshot) {
        enter(Call.OTHER);
        return delegate.snapshots().add(snapshot);
    }

    @Override
    public Optional<SnapshotRecord> latest(StreamKey stream, long maxRevision) {
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        enter(Call.OTHER);
        return delegate.snapshots().latest(new StreamKey(bucketId, streamId), maxRevision);
    }

    @Override
    public Stream<StreamHead> streamsToSnapshot(String bucketId, long threshold) {
        enter(Call.OTHER);
        return delegate.snapshots().streamsToSnapshot(bucketId, threshold);
    }

    @Override
    public void deleteStream(StreamKey stream) {
        String bucketId = stream.bucketId();
        String streamId = stream.streamId();
        enter(Call.OTHER);
        delegate.deleteStream(new StreamKey(bucketId, streamId));
    }

    @Override
    public Optional<Position> get(String name) {
        enter(Call.POSITION);
        return delegate.positions().get(name);
    }

    /**
     * A named subscription takes its lease and stores its position through this conditional write: taking
     * (the expected position is not the writer's own) counts as {@link Call#TAKE_LEASE}, the rest as a save.
     */
    @Override
    public boolean replace(Position expected, Position next) {
        boolean own = expected != null && owner(expected).equals(owner(next)) && !owner(next).isEmpty();
        enter(own || next.lease().isEmpty() ? Call.SAVE_POSITION : Call.TAKE_LEASE);
        return delegate.positions().replace(expected, next);
    }

    private static String owner(Position position) {
        int colon = position.lease().lastIndexOf(':');
        return colon < 0 ? position.lease() : position.lease().substring(0, colon);
    }

    @Override
    public void put(Position position) {
        enter(position.name().contains("/parked/") ? Call.SAVE_PARKED : Call.SAVE_POSITION);
        delegate.positions().put(position);
    }

    @Override
    public void delete(String name) {
        enter(Call.DELETE_POSITION);
        delegate.positions().delete(name);
    }

    @Override
    public Stream<Position> list(String namePrefix) {
        enter(Call.POSITIONS);
        return delegate.positions().list(namePrefix);
    }

    @Override
    public SnapshotStore snapshots() {
        return this;
    }

    @Override
    public PositionStore positions() {
        return this;
    }

    @Override
    public void purge(Optional<String> bucketId) {
        enter(Call.OTHER);
        delegate.purge(bucketId);
    }

    @Override
    public void drop() {
        enter(Call.DROP);
        delegate.drop();
        closed = true;
    }

    @Override
    public void close() {
        made.add(new Made(Call.CLOSE, System.nanoTime(), Thread.currentThread(), false, false));
        closed = true;
    }
}
