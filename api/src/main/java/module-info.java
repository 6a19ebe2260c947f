/**
 * JEventStore: the user-facing API and the store itself ({@code org.jeventstore}), and the SPI engines
 * implement ({@code org.jeventstore.spi}).
 */
module org.jeventstore {
    requires transitive com.fasterxml.jackson.databind;

    exports org.jeventstore;
    exports org.jeventstore.spi;

    uses org.jeventstore.spi.EngineProvider;
}
