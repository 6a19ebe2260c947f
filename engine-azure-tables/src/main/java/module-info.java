/** The Azure Table Storage engine, for {@code azure-tables://} store URIs. Exports nothing. */
module org.jeventstore.engine.azure.tables {
    requires org.jeventstore;
    requires com.azure.data.tables;
    requires com.azure.core;
    // One JDK HTTP client is shared by every engine of the JVM (see AzureTablesEngineProvider).
    requires com.azure.core.http.jdk.httpclient;

    provides org.jeventstore.spi.EngineProvider with org.jeventstore.engine.azure.tables.AzureTablesEngineProvider;
}
