package org.jeventstore.engine.dynamodb;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.jeventstore.StorageException;
import org.jeventstore.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Finds, creates and deletes the store's table, and checks that its key schema is the engine's. */
final class TableAdmin {

    private static final Duration POLL = Duration.ofMillis(200);

    private TableAdmin() {
    }

    /**
     * Makes sure the table exists, is active and has the engine's keys.
     *
     * @throws StorageException if it does not exist and may not be created, or has other keys
     */
    static void ensure(DynamoDbClient client, DynamoDbSettings settings) {
        String table = settings.table();
        try {
            TableDescription description = describe(client, table);
            if (description == null) {
                if (!settings.createTable()) {
                    throw new StorageException("DynamoDB table '" + table + "' does not exist in region "
                            + settings.region() + "; create it (partition key 'pk' and sort key 'sk', both strings) "
                            + "or add createTable=true to the store URI");
                }
                create(client, table);
                description = describe(client, table);
            }
            description = awaitActive(client, table, description, settings.timeout());
            checkKeys(description, table);
        } catch (SdkException e) {
            throw Failures.translate(e, "opening table " + table);
        }
    }

    static void delete(DynamoDbClient client, String table) {
        try {
            client.deleteTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException gone) {
            // already dropped, by this engine or another over the same table
        } catch (SdkException e) {
            throw Failures.translate(e, "dropping table " + table);
        }
    }

    private static TableDescription describe(DynamoDbClient client, String table) {
        try {
            return client.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private static void create(DynamoDbClient client, String table) {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(Keys.PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(Keys.SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(Keys.PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(Keys.SK).keyType(KeyType.RANGE).build()));
        } catch (ResourceInUseException createdMeanwhile) {
            // another engine created it first: use theirs
        }
    }

    /** Polls until the table is ACTIVE, within the call timeout: a new table takes seconds on AWS. */
    private static TableDescription awaitActive(DynamoDbClient client, String table, TableDescription description,
                                                Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TableDescription current = description;
        while (current == null || current.tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new StorageUnavailableException("DynamoDB table '" + table + "' did not become ACTIVE within "
                        + timeout + " (status " + (current == null ? "unknown" : current.tableStatusAsString()) + ")");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException("Interrupted while waiting for table '" + table + "'");
            }
            current = describe(client, table);
        }
        return current;
    }

    private static void checkKeys(TableDescription description, String table) {
        Map<String, KeyType> keys = description.keySchema().stream()
                .collect(Collectors.toMap(KeySchemaElement::attributeName, KeySchemaElement::keyType));
        if (!Map.of(Keys.PK, KeyType.HASH, Keys.SK, KeyType.RANGE).equals(keys)) {
            throw new StorageException("DynamoDB table '" + table + "' has the key schema " + keys
                    + ", not the engine's (pk HASH, sk RANGE, both strings)");
        }
    }
}
