package org.jeventstore.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jeventstore.Commit;
import org.jeventstore.records.RecordBytes;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;

/**
 * Records decoded as {@link CommitCodec#toCommit} decodes each, a run of them at a time, so that their bodies are
 * read with one parser (see {@link CommitCodec#readBodies}). A run is taken from the records ahead of the one
 * asked for, so this is for reads that take every record: opening a stream reads it whole. A record's commit
 * still fails where that record is, and a failure of the records themselves comes after the commits before it.
 */
final class RunDecodedCommits implements Spliterator<Commit> {

    /** A run ends at this many events, or at the first record that takes its bodies past {@link #RUN_BYTES}. */
    private static final int RUN_EVENTS = 128;
    private static final int RUN_BYTES = 32 * 1024;
    private static final RecordBytes BYTES = RecordBytes.get();

    private final Spliterator<CommitRecord> records;
    private final CommitCodec codec;
    private final List<CommitRecord> run = new ArrayList<>();
    private Object[] bodies;
    /** The index in {@link #bodies} of the next record's first event. */
    private int first;
    private int next;
    /** Thrown by the records after the last in the run (an exception or an error), for after the run's commits. */
    private Throwable failure;
    private boolean exhausted;

    private RunDecodedCommits(Spliterator<CommitRecord> records, CommitCodec codec) {
        this.records = records;
        this.codec = codec;
    }

    /** {@code records} decoded; closing the stream closes them. */
    static Stream<Commit> of(Stream<CommitRecord> records, CommitCodec codec) {
        return StreamSupport.stream(new RunDecodedCommits(records.spliterator(), codec), false)
                .onClose(records::close);
    }

    @Override
    public boolean tryAdvance(Consumer<? super Commit> action) {
        if (next == run.size() && !fill()) {
            return false;
        }
        CommitRecord record = run.get(next++);
        int at = first;
        first += record.events().size();
        action.accept(codec.toCommit(record, bodies, at));
        return true;
    }

    /** Takes the next run; false at the end of the records. */
    private boolean fill() {
        if (failure != null) {
            Throwable thrown = failure;
            failure = null;
            exhausted = true;
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) thrown;
        }
        run.clear();
        next = 0;
        first = 0;
        int events = 0;
        int bytes = 0;
        try {
            while (!exhausted && events < RUN_EVENTS && bytes < RUN_BYTES) {
                if (!records.tryAdvance(run::add)) {
                    exhausted = true;
                    break;
                }
                for (EventRecord event : run.get(run.size() - 1).events()) {
                    bytes += BYTES.data(event.body()).length;
                    events++;
                }
            }
        } catch (RuntimeException | Error e) {
            if (run.isEmpty()) {
                throw e;
            }
            failure = e;
        }
        bodies = run.isEmpty() ? null : codec.readBodies(run, events);
        return !run.isEmpty();
    }

    @Override
    public Spliterator<Commit> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return Long.MAX_VALUE;
    }

    @Override
    public int characteristics() {
        return ORDERED | NONNULL;
    }
}
