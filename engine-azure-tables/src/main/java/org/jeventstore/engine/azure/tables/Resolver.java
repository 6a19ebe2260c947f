package org.jeventstore.engine.azure.tables;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import java.util.List;

/**
 * Settles a PENDING feed row whose writer may have died, without ever guessing: it races the writer for the
 * row's fence in the commit's stream partition. The writer's stream transaction inserts {@code fence|c}
 * together with the commit; the resolver inserts {@code fence|c} marked void. Whoever inserts it first wins:
 * the writer's commit is then in the stream (roll forward: DONE) or can never get there (ABORTED). The feed row
 * is then updated only if unchanged since it was read (ETag), so concurrent resolvers and the writer agree.
 */
final class Resolver {

    static final String VOID = "Void";

    private final Entities table;

    Resolver(Entities table) {
        this.table = table;
    }

    /** The feed row after settling it: DONE, ABORTED or DELETED, whoever settled it. */
    TableEntity resolve(TableEntity pending) {
        String part = (String) pending.getProperty("Part");
        long checkpoint = Keys.checkpointOf(pending.getRowKey());
        FeedStatus outcome;
        try {
            table.insert(Entities.entity(part, Keys.fence(checkpoint)).addProperty(VOID, true));
            outcome = FeedStatus.ABORTED;
        } catch (TableServiceException e) {
            if (!Errors.is(e, TableErrorCode.ENTITY_ALREADY_EXISTS)) {
                throw e;
            }
            boolean voided = table.get(part, Keys.fence(checkpoint), List.of(VOID))
                    .map(fence -> Boolean.TRUE.equals(fence.getProperty(VOID)))
                    // the fence went with its stream (deleted meanwhile): the commit is gone either way
                    .orElse(true);
            outcome = voided ? FeedStatus.ABORTED : FeedStatus.DONE;
        }
        try {
            table.client().updateEntityWithResponse(Entities.conditional(Keys.FEED, pending.getRowKey(),
                    pending.getETag()).addProperty(FeedStatus.PROPERTY, outcome.code()),
                    TableEntityUpdateMode.MERGE, true, null, null);
            pending.addProperty(FeedStatus.PROPERTY, outcome.code());
            return pending;
        } catch (TableServiceException e) {
            if (!Errors.isConditionFailed(e)) {
                throw e;
            }
            // someone settled it first (the writer, another resolver, or a delete): theirs stands
            return table.get(Keys.FEED, pending.getRowKey(), null).orElseThrow(() -> e);
        }
    }
}
