/**
 * JEventStore: what users touch ({@code org.jeventstore}: the store, streams, commits, messages, hooks,
 * serialization, exceptions), dispatch and subscriptions ({@code org.jeventstore.subscription}), the one
 * extension point for metrics, tracing and logging ({@code org.jeventstore.observation}), and the SPI engines
 * implement ({@code org.jeventstore.spi}). The store's implementation ({@code org.jeventstore.internal}) and its
 * privileged access to the SPI ({@code org.jeventstore.records}: the records' bytes without a copy, a commit
 * without checking ids the store checked already) are not exported.
 */
module org.jeventstore {
    requires transitive com.fasterxml.jackson.databind;

    exports org.jeventstore;
    exports org.jeventstore.subscription;
    exports org.jeventstore.spi;
    exports org.jeventstore.observation;

    uses org.jeventstore.spi.EngineProvider;
}
