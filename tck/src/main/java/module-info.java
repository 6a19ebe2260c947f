/**
 * The JEventStore compatibility kit: extend {@link org.jeventstore.tck.PersistenceEngineTck} in an engine's
 * tests to check the engine against the whole {@link org.jeventstore.spi.PersistenceEngine} contract.
 */
module org.jeventstore.tck {
    requires transitive org.jeventstore;
    requires transitive org.junit.jupiter.api;

    exports org.jeventstore.tck;

    opens org.jeventstore.tck to org.junit.platform.commons;
}
