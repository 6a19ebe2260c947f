package org.jeventstore.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jeventstore.EventSerializer;
import org.jeventstore.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jeventstore.EventStoreBuilder;
import org.jeventstore.PipelineHook;
import org.jeventstore.micrometer.JEventStoreObservation;
import org.jeventstore.subscription.CommitHandler;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * An {@link EventStore} from the {@code jeventstore.*} properties, unless the application defines its own;
 * the {@link EventStoreDispatcher} bean as its dispatcher and the {@link EventStoreSubscription} beans as its
 * subscriptions ({@link EventStoreSubscriptions}). An {@link EventSerializer} bean replaces the JSON serializer,
 * {@link PipelineHook} beans are added in their {@code @Order}, then {@link EventStoreBuilderCustomizer} beans
 * adjust the builder — the seam through which integrations attach. With {@code jeventstore-micrometer} on the
 * class path and an {@code ObservationRegistry} bean, one such customizer registers the Micrometer observer
 * ({@code jeventstore.observation.enabled=false} turns it off).
 *
 * <p>After Boot's observation and metrics auto-configurations, so that their registries exist when the
 * condition on them is evaluated; by name, so that this module needs neither of Boot's Micrometer modules.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@EnableConfigurationProperties(JEventStoreProperties.class)
public class JEventStoreAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public EventStore eventStore(JEventStoreProperties properties, ListableBeanFactory beans,
                                 ObjectProvider<EventSerializer> serializer, ObjectProvider<PipelineHook> hooks,
                                 ObjectProvider<EventStoreBuilderCustomizer> customizers) {
        EventStoreBuilder builder = EventStore.builder()
                .engine(properties.getUri())
                .pageSize(properties.getPageSize())
                .closeGrace(properties.getCloseGrace());
        builder.types(eventTypes(properties.getEventTypes(), beans).toArray(Class<?>[]::new));
        serializer.ifAvailable(builder::serializer);
        hooks.orderedStream().forEach(builder::hook);
        Optional<String> dispatcher = AnnotatedHandlers.dispatcher(beans);
        if (dispatcher.isPresent()) {
            DispatcherProperties options = properties.getDispatcher();
            builder.dispatchTo(options.getName(), beans.getBean(dispatcher.get(), CommitHandler.class),
                    options.getMode(), options.toOptions());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    public EventStoreSubscriptions eventStoreSubscriptions(EventStore store, ListableBeanFactory beans,
                                                           JEventStoreProperties properties) {
        return new EventStoreSubscriptions(store, beans, properties);
    }

    /**
     * The store's operations as observations and its subscriptions as meters. The customizer makes a new observer
     * at every call, since one observer watches one store. Without a {@code MeterRegistry} bean only the
     * operations are observed.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JEventStoreObservation.class)
    @ConditionalOnBean(ObservationRegistry.class)
    @ConditionalOnBooleanProperty(name = "jeventstore.observation.enabled", matchIfMissing = true)
    static class ObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "jeventstoreObservationCustomizer")
        EventStoreBuilderCustomizer jeventstoreObservationCustomizer(ObservationRegistry observations,
                                                                     ObjectProvider<MeterRegistry> meters,
                                                                     JEventStoreProperties properties) {
            return builder -> {
                MeterRegistry registry = meters.getIfAvailable();
                builder.observer(registry == null ? JEventStoreObservation.observer(observations)
                        : JEventStoreObservation.observer(observations, registry,
                                properties.getObservation().getLagRefresh()));
            };
        }
    }

    private static Set<Class<?>> eventTypes(JEventStoreProperties.EventTypes types, ListableBeanFactory beans) {
        Set<Class<?>> found = new LinkedHashSet<>(types.getClasses());
        if (types.isScan()) {
            List<String> packages = new ArrayList<>(types.getPackages());
            if (packages.isEmpty() && AutoConfigurationPackages.has(beans)) {
                packages.addAll(AutoConfigurationPackages.get(beans));
            }
            ClassLoader loader = beans instanceof ConfigurableBeanFactory factory ? factory.getBeanClassLoader()
                    : ClassUtils.getDefaultClassLoader();
            found.addAll(EventTypeScanner.scan(packages, loader));
        }
        return found;
    }
}
