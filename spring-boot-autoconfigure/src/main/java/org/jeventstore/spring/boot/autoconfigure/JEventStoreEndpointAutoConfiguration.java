package org.jeventstore.spring.boot.autoconfigure;

import org.jeventstore.EventStore;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code jeventstore} actuator endpoint, when the actuator is on the class path and the endpoint is exposed
 * ({@code management.endpoints.web.exposure.include=health,jeventstore}).
 */
@AutoConfiguration(after = JEventStoreAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean({EventStore.class, EventStoreSubscriptions.class})
@ConditionalOnAvailableEndpoint(EventStoreEndpoint.class)
public class JEventStoreEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public EventStoreEndpoint jeventstoreEndpoint(EventStore store, EventStoreSubscriptions subscriptions) {
        return new EventStoreEndpoint(store, subscriptions);
    }
}
