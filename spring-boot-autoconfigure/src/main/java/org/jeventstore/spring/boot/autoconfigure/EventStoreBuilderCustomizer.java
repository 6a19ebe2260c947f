package org.jeventstore.spring.boot.autoconfigure;

import org.jeventstore.EventStoreBuilder;

/**
 * Adjusts the auto-configured store's builder after the properties, the serializer and hook beans and the
 * dispatcher were applied, and before it builds: upconverters, a clock, an executor, or what an integration
 * module adds. Customizer beans run in their {@code @Order}.
 */
@FunctionalInterface
public interface EventStoreBuilderCustomizer {

    void customize(EventStoreBuilder builder);
}
