package org.jeventstore.engine.azure.tables;

import java.util.UUID;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.testbackends.Azurite;
import org.testcontainers.azure.AzuriteContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * An extra run of the kit against Azurite's official image, where Docker is available (skipped cleanly
 * without it). The build-started Azurite of {@link AzureTablesEngineTckTest} is the run that must pass here.
 */
@Testcontainers(disabledWithoutDocker = true)
class AzureTablesEngineContainerTckTest extends PersistenceEngineTck {

    private static final int TABLE_PORT = 10002;

    @Container
    private static final AzuriteContainer AZURITE =
            new AzuriteContainer("mcr.microsoft.com/azure-storage/azurite:3.35.0");

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse("azure-tables://" + AZURITE.getHost() + ":" + AZURITE.getMappedPort(TABLE_PORT)
                + "/devstoreaccount1/t" + UUID.randomUUID().toString().replace("-", "") + "?create=true");
        return new AzureTablesEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new AzureTablesEngineProvider().open(uri, options);
    }
}
