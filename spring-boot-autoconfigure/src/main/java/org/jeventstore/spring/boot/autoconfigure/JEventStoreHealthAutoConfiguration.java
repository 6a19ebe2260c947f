package org.jeventstore.spring.boot.autoconfigure;

import org.jeventstore.EventStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code jeventstore} health indicator, when Spring Boot's health support is on the class path
 * ({@code spring-boot-starter-actuator}); {@code management.health.jeventstore.enabled=false} turns it off.
 */
@AutoConfiguration(after = JEventStoreAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({EventStore.class, EventStoreSubscriptions.class})
@ConditionalOnEnabledHealthIndicator("jeventstore")
public class JEventStoreHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "jeventstoreHealthIndicator")
    public HealthIndicator jeventstoreHealthIndicator(EventStore store, EventStoreSubscriptions subscriptions,
                                                      JEventStoreProperties properties) {
        return new EventStoreHealthIndicator(store, subscriptions, properties.getHealth().getMaxLag());
    }
}
