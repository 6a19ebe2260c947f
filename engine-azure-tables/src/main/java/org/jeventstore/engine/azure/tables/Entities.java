package org.jeventstore.engine.azure.tables;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The few table operations the engine uses, over the SDK's client, with lazily paged queries. */
final class Entities {

    private static final String ETAG = "odata.etag";

    private final TableClient client;
    private final Runnable checkOpen;

    Entities(TableClient client, Runnable checkOpen) {
        this.client = client;
        this.checkOpen = checkOpen;
    }

    TableClient client() {
        return client;
    }

    static TableEntity entity(String partitionKey, String rowKey) {
        return new TableEntity(partitionKey, rowKey);
    }

    /** An entity that updates only if the stored one still has this ETag. */
    static TableEntity conditional(String partitionKey, String rowKey, String etag) {
        return new TableEntity(partitionKey, rowKey).addProperty(ETAG, etag);
    }

    static long longOf(TableEntity entity, String property) {
        Object value = entity.getProperty(property);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Inserts; returns the new entity's ETag. Throws the SDK's exception, EntityAlreadyExists included. */
    String insert(TableEntity entity) {
        Response<Void> response = client.createEntityWithResponse(entity, null, null);
        String etag = response.getHeaders().getValue(HttpHeaderName.ETAG);
        // from Azurite 3.37 the ETag of an insert arrives without its closing quote; If-Match would fail with 400
        if (etag != null && etag.startsWith("W/\"") && !etag.endsWith("\"")) {
            etag += "\"";
        }
        return etag;
    }

    /**
     * Submits an entity-group transaction, after checking that it stays in one partition: Azure rejects a
     * batch spanning two, but Azurite accepts it, so tests against Azurite would not notice.
     */
    void transact(List<TableTransactionAction> actions) {
        String partition = actions.get(0).getEntity().getPartitionKey();
        for (TableTransactionAction action : actions) {
            if (!partition.equals(action.getEntity().getPartitionKey())) {
                throw new IllegalStateException("a transaction must stay in one partition");
            }
        }
        client.submitTransaction(actions);
    }

    /** The entity, or empty when it does not exist. */
    Optional<TableEntity> get(String partitionKey, String rowKey, List<String> select) {
        try {
            return Optional.of(client.getEntityWithResponse(partitionKey, rowKey, select, null, null).getValue());
        } catch (TableServiceException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Deletes the entity; one already gone is no failure. */
    void deleteIfPresent(String partitionKey, String rowKey) {
        try {
            client.deleteEntity(partitionKey, rowKey);
        } catch (TableServiceException e) {
            if (!isNotFound(e)) {
                throw e;
            }
        }
    }

    static boolean isNotFound(RuntimeException e) {
        return Errors.is(e, TableErrorCode.ENTITY_NOT_FOUND) || Errors.is(e, TableErrorCode.RESOURCE_NOT_FOUND)
                || (e instanceof TableServiceException tse && tse.getResponse() != null
                && tse.getResponse().getStatusCode() == 404 && !Errors.is(e, TableErrorCode.TABLE_NOT_FOUND));
    }

    /**
     * The entities matching the filter in key order, fetched {@code pageSize} at a time as the stream is
     * consumed; nothing is fetched before the first element is asked for.
     */
    Stream<TableEntity> query(String filter, List<String> select, int pageSize) {
        Iterator<TableEntity> lazy = new Iterator<>() {
            private Iterator<TableEntity> pages;

            private Iterator<TableEntity> pages() {
                checkOpen.run();
                if (pages == null) {
                    ListEntitiesOptions options = new ListEntitiesOptions().setFilter(filter).setTop(pageSize)
                            .setSelect(select);
                    pages = client.listEntities(options, null, null).iterator();
                }
                return pages;
            }

            @Override
            public boolean hasNext() {
                try {
                    return pages().hasNext();
                } catch (RuntimeException e) {
                    throw Errors.map("Reading " + filter, e);
                }
            }

            @Override
            public TableEntity next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pages.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lazy,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
