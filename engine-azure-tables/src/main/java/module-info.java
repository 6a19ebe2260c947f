/** The Azure Table Storage engine, for {@code azure-tables://} store URIs. Exports nothing. */
module org.jeventstore.engine.azure.tables {
    requires org.jeventstore;
    requires com.azure.data.tables;
    requires com.azure.core;

    provides org.jeventstore.spi.EngineProvider with org.jeventstore.engine.azure.tables.AzureTablesEngineProvider;
}
