package org.jeventstore.engine.azure.tables;

import static com.azure.data.tables.models.TableTransactionActionType.CREATE;
import static com.azure.data.tables.models.TableTransactionActionType.DELETE;
import static com.azure.data.tables.models.TableTransactionActionType.UPDATE_MERGE;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionFailedException;
import java.util.ArrayList;
import java.util.List;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StorageUnavailableException;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;

/**
 * The commit protocol (docs/engines/azure-tables.md): Azure cannot write the feed partition and the stream
 * partition atomically, so a commit is three idempotent steps, each one request in the common case:
 * <ol>
 *   <li>reserve checkpoint {@code c}: insert feed row {@code c}, PENDING, holding the whole commit;</li>
 *   <li>one entity-group transaction in the stream partition: commit row, guards, head and {@code fence|c};</li>
 *   <li>mark feed row {@code c} DONE, if unchanged since step 1 (ETag).</li>
 * </ol>
 * A crash between steps leaves a PENDING row that readers settle with {@link Resolver}.
 */
final class CommitWriter {

    private static final System.Logger LOG = System.getLogger(CommitWriter.class.getName());

    /** Position of the commitId guard in the transaction: its failure means a duplicate, checked first. */
    private static final int ID_GUARD = 0;

    /**
     * How often a commit may lose its reservation to a resolver before giving up: that only happens when readers
     * resolve faster than this writer commits, i.e. {@code resolveAfterMillis} is set below the commit latency.
     */
    private static final int MAX_FENCED_OUT = 10;

    /** How often a reservation may find its checkpoint taken by other writers before the commit gives up. */
    private static final int MAX_TAKEN = 1_000;

    private final Entities table;
    private final Checkpoints checkpoints;
    private final FailurePoint failurePoint;

    CommitWriter(Entities table, Checkpoints checkpoints, FailurePoint failurePoint) {
        this.table = table;
        this.checkpoints = checkpoints;
        this.failurePoint = failurePoint;
    }

    CommitRecord commit(CommitAttempt attempt) {
        byte[] blob = Blobs.commit(attempt);
        String part = Keys.stream(attempt.bucketId(), attempt.streamId());
        int fencedOut = 0;
        int taken = 0;
        while (true) {
            long checkpoint = checkpoints.next();
            String etag;
            try {
                etag = table.insert(reservation(attempt, part, blob, checkpoint));
            } catch (TableServiceException e) {
                if (!Errors.is(e, TableErrorCode.ENTITY_ALREADY_EXISTS)) {
                    throw e;
                }
                if (++taken == MAX_TAKEN) {
                    throw new StorageUnavailableException("Commit to " + attempt.bucketId() + "/"
                            + attempt.streamId() + " found its checkpoint taken " + taken + " times in a row by "
                            + "other writers; nothing was written");
                }
                checkpoints.refresh(checkpoint);
                continue;
            }
            checkpoints.seen(checkpoint);
            failurePoint.after(Step.RESERVED, checkpoint);

            List<TableTransactionAction> actions = streamTransaction(attempt, part, blob, checkpoint);
            try {
                table.transact(actions);
            } catch (TableTransactionFailedException e) {
                Integer failed = e.getFailedTransactionActionIndex();
                if (failed != null && failed == actions.size() - 1) {
                    // our fence was voided by a resolver that took us for dead: that checkpoint is ABORTED
                    // and the stream untouched, so try again under a new checkpoint
                    if (++fencedOut == MAX_FENCED_OUT) {
                        throw new StorageUnavailableException("Commit to " + attempt.bucketId() + "/"
                                + attempt.streamId() + " was fenced out " + fencedOut + " times by readers "
                                + "resolving it as stale; nothing was written. Raise resolveAfterMillis");
                    }
                    continue;
                }
                if (Integer.valueOf(ID_GUARD).equals(failed) && ownFenceStands(part, checkpoint)) {
                    // The SDK resent a transaction whose first attempt committed (its answer was lost): the
                    // commitId guard, first in line, stops the resend, but the commit is ours and whole. Only
                    // a duplicate pays for this read; a lost race (another action) does not.
                    return finish(attempt, checkpoint, etag);
                }
                abandon(checkpoint, etag);
                if (failed == null) {
                    throw e;
                }
                if (failed == ID_GUARD) {
                    throw new DuplicateCommitException("Stream " + attempt.bucketId() + "/" + attempt.streamId()
                            + " already holds commit " + attempt.commitId());
                }
                throw new ConcurrencyException("Stream " + attempt.bucketId() + "/" + attempt.streamId()
                        + " already holds sequence " + attempt.commitSequence() + " or revisions "
                        + attempt.firstRevision() + ".." + attempt.streamRevision());
            }
            failurePoint.after(Step.STREAM_WRITTEN, checkpoint);
            return finish(attempt, checkpoint, etag);
        }
    }

    /**
     * Step 3. The commit is stored once its stream transaction committed, so failing to mark it DONE is not a
     * failure of the commit: the row stays PENDING and the first reader to resolve it rolls it forward (its
     * fence stands).
     */
    private CommitRecord finish(CommitAttempt attempt, long checkpoint, String etag) {
        try {
            settle(checkpoint, etag, FeedStatus.DONE);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Checkpoint " + checkpoint + " is committed but not yet marked "
                    + "done; readers will roll it forward", e);
        }
        failurePoint.after(Step.MARKED_DONE, checkpoint);
        return new CommitRecord(attempt, checkpoint);
    }

    /** Whether our transaction's fence for {@code checkpoint} is in the stream partition, not voided. */
    private boolean ownFenceStands(String part, long checkpoint) {
        return table.get(part, Keys.fence(checkpoint), List.of(Resolver.VOID))
                .map(fence -> Boolean.FALSE.equals(fence.getProperty(Resolver.VOID)))
                .orElse(false);
    }

    private static TableEntity reservation(CommitAttempt attempt, String part, byte[] blob, long checkpoint) {
        TableEntity row = Entities.entity(Keys.FEED, Keys.feed(checkpoint))
                .addProperty(FeedStatus.PROPERTY, FeedStatus.PENDING.code())
                .addProperty("Bucket", attempt.bucketId())
                .addProperty("Part", part);
        Blobs.put(row.getProperties(), blob);
        return row;
    }

    /**
     * One entity-group transaction, all in the stream's partition. Each action guards one rule, so the index
     * of a failed action says which rule the commit broke:
     * <ol start="0">
     *   <li>insert {@code id|commitId}: a duplicate fails here, before any concurrency check;</li>
     *   <li>insert {@code q|sequence}: a taken sequence fails here;</li>
     *   <li>insert the head (first commit: the stream must not exist) or update it (it must exist);</li>
     *   <li>delete {@code r|firstRevision-1} (not for a first commit): fails unless the stream ends exactly
     *       before this commit, so revision ranges can neither overlap nor leave holes;</li>
     *   <li>insert {@code r|lastRevision}, the new end marker;</li>
     *   <li>insert the commit row {@code c|lastRevision};</li>
     *   <li>insert {@code fence|checkpoint}: fails only if a resolver voided our reservation.</li>
     * </ol>
     */
    private static List<TableTransactionAction> streamTransaction(CommitAttempt attempt, String part, byte[] blob,
                                                                  long checkpoint) {
        List<TableTransactionAction> actions = new ArrayList<>(7);
        actions.add(new TableTransactionAction(CREATE, Entities.entity(part, Keys.commitId(attempt.commitId()))
                .addProperty("Checkpoint", checkpoint)));
        actions.add(new TableTransactionAction(CREATE, Entities.entity(part, Keys.sequence(attempt.commitSequence()))));
        boolean first = attempt.firstRevision() == 1;
        TableEntity head = Entities.entity(part, Keys.HEAD).addProperty("HeadRevision", attempt.streamRevision());
        if (first) {
            head.addProperty("SnapshotRevision", 0L)
                    .addProperty("Bucket", attempt.bucketId())
                    .addProperty("Stream", attempt.streamId());
            actions.add(new TableTransactionAction(CREATE, head));
        } else {
            actions.add(new TableTransactionAction(UPDATE_MERGE, head));
            actions.add(new TableTransactionAction(DELETE, Entities.entity(part, Keys.end(attempt.firstRevision() - 1))));
        }
        actions.add(new TableTransactionAction(CREATE, Entities.entity(part, Keys.end(attempt.streamRevision()))));
        TableEntity commit = Entities.entity(part, Keys.commit(attempt.streamRevision()))
                .addProperty("Checkpoint", checkpoint);
        Blobs.put(commit.getProperties(), blob);
        actions.add(new TableTransactionAction(CREATE, commit));
        actions.add(new TableTransactionAction(CREATE, Entities.entity(part, Keys.fence(checkpoint))
                .addProperty(Resolver.VOID, false)));
        return actions;
    }

    /**
     * Marks a reservation whose stream transaction failed ABORTED. If that fails too, the row stays PENDING
     * until a reader resolves it (its fence is absent, so it is aborted then): the caller still learns why the
     * commit failed.
     */
    private void abandon(long checkpoint, String etag) {
        try {
            settle(checkpoint, etag, FeedStatus.ABORTED);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Checkpoint " + checkpoint + " left PENDING for readers to abort", e);
        }
    }

    /**
     * Marks our reservation, if nobody settled it meanwhile. If someone did, theirs stands: a resolver rolled it
     * forward (DONE), or the stream was deleted (DELETED); it cannot have been aborted after our stream
     * transaction committed, because that transaction holds the fence.
     */
    private void settle(long checkpoint, String etag, FeedStatus status) {
        try {
            table.client().updateEntityWithResponse(Entities.conditional(Keys.FEED, Keys.feed(checkpoint), etag)
                    .addProperty(FeedStatus.PROPERTY, status.code()), TableEntityUpdateMode.MERGE, true, null, null);
        } catch (TableServiceException e) {
            if (!Errors.isConditionFailed(e)) {
                throw e;
            }
        }
    }
}
