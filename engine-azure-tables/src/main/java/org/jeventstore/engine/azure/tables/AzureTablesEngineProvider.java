package org.jeventstore.engine.azure.tables;

import com.azure.core.credential.AzureNamedKeyCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableServiceException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jeventstore.StorageException;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.EngineProvider;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;

/**
 * Opens engines for {@code azure-tables://<account>.table.core.windows.net/<table>} and the path-style
 * {@code azure-tables://<host>:<port>/<account>/<table>} (Azurite). Credentials come from the {@code key},
 * {@code sas} or {@code connectionString} option or from the environment variable named by {@code keyEnv},
 * {@code sasEnv} or {@code connectionStringEnv}; {@code create=true} creates a missing table.
 */
public final class AzureTablesEngineProvider implements EngineProvider {

    @Override
    public String name() {
        return "azure-tables";
    }

    @Override
    public boolean supports(StoreUri uri) {
        return TablesUri.SCHEME.equals(Objects.requireNonNull(uri, "uri").scheme());
    }

    @Override
    public PersistenceEngine open(StoreUri uri, EngineOptions options) {
        return open(uri, options, List.of(), FailurePoint.NONE);
    }

    /** Opens with extra HTTP policies (tests count requests) and a failure point (tests crash commits). */
    static AzureTablesEngine open(StoreUri uri, EngineOptions options, List<HttpPipelinePolicy> policies,
                                  FailurePoint failurePoint) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        TablesUri parsed = TablesUri.parse(uri);
        TableClient client = client(uri, parsed, policies);
        String name = parsed.table();
        Errors.guard("Opening table " + name, () -> {
            prepare(client, parsed);
            return null;
        });
        return new AzureTablesEngine(client, name, options.pageSize(), parsed.resolveAfter(), Clock.systemUTC(),
                failurePoint);
    }

    static TableClient client(StoreUri uri, TablesUri parsed, List<HttpPipelinePolicy> policies) {
        TableClientBuilder builder = new TableClientBuilder().tableName(parsed.table()).httpClient(SharedHttp.CLIENT)
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(parsed.maxRetries())
                        .setBaseDelay(Duration.ofMillis(100)).setMaxDelay(Duration.ofSeconds(5))));
        policies.forEach(builder::addPolicy);
        try {
            TablesUri.Credential credential = parsed.credential();
            if (credential instanceof TablesUri.Credential.AccountKey key) {
                requireBase64(uri, key.key());
                builder.endpoint(parsed.endpoint()).credential(new AzureNamedKeyCredential(key.name(), key.key()));
            } else if (credential instanceof TablesUri.Credential.Sas sas) {
                builder.endpoint(parsed.endpoint()).sasToken(sas.token());
            } else if (credential instanceof TablesUri.Credential.ConnectionString cs) {
                builder.connectionString(cs.value());
            }
            return builder.buildClient();
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            // the SDK's message may quote the connection string: report what is wrong without it
            throw new IllegalArgumentException("Malformed azure-tables URI " + TablesUri.safe(uri)
                    + ": the credential or endpoint is not valid (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void requireBase64(StoreUri uri, String key) {
        try {
            Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed azure-tables URI " + TablesUri.safe(uri)
                    + ": the account key is not base64");
        }
    }

    /** Creates the table if asked to; otherwise checks that it exists, with one small query. */
    private static void prepare(TableClient client, TablesUri parsed) {
        if (parsed.create()) {
            try {
                client.createTable();
            } catch (TableServiceException e) {
                if (!Errors.is(e, TableErrorCode.TABLE_ALREADY_EXISTS)
                        && (e.getResponse() == null || e.getResponse().getStatusCode() != 409)) {
                    throw e;
                }
            }
            return;
        }
        try {
            client.listEntities(new ListEntitiesOptions().setTop(1).setSelect(List.of("RowKey")), null, null)
                    .iterableByPage().iterator().next();
        } catch (HttpResponseException e) {
            // a query of a missing table answers 404 (TableNotFound on Azure; Azurite's error type differs)
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                throw new StorageException("Table " + parsed.table() + " does not exist at " + parsed.endpoint()
                        + "; create it, or add create=true to the store URI");
            }
            throw e;
        }
    }

    /**
     * One HTTP client (connection pool and selector thread) for every engine of the JVM, created when the first
     * engine opens: engines are opened and closed often (one per test, one per reopen), and a client per engine
     * would hold its threads and sockets until garbage collection.
     */
    private static final class SharedHttp {
        static final HttpClient CLIENT = new JdkHttpClientBuilder().build();
    }
}
