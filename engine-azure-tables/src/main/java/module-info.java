/** The Azure Table Storage engine, for {@code azure-tables://} store URIs. Exports nothing. */
module org.jeventstore.engine.azure.tables {
    requires org.jeventstore;
    requires com.azure.data.tables;
    requires com.azure.core;
    // The HTTP client (com.azure.core.http.jdk.httpclient) is not required here: azure-core finds it as a
    // service provider at run time, on the class path and the module path alike.

    provides org.jeventstore.spi.EngineProvider with org.jeventstore.engine.azure.tables.AzureTablesEngineProvider;
}
