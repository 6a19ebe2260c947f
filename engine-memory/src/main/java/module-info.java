/** The embedded in-memory engine, for {@code memory:} and {@code memory:<name>} store URIs. Exports nothing. */
module org.jeventstore.engine.memory {
    requires org.jeventstore;

    provides org.jeventstore.spi.EngineProvider with org.jeventstore.engine.memory.MemoryEngineProvider;
}
