package org.jeventstore.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jeventstore.EventSerializer;
import org.jeventstore.EventStore;
import org.jeventstore.EventStoreBuilder;
import org.jeventstore.PipelineHook;
import org.jeventstore.subscription.CommitHandler;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * An {@link EventStore} from the {@code jeventstore.*} properties, unless the application defines its own;
 * the {@link EventStoreDispatcher} bean as its dispatcher and the {@link EventStoreSubscription} beans as its
 * subscriptions ({@link EventStoreSubscriptions}). An {@link EventSerializer} bean replaces the JSON serializer,
 * {@link PipelineHook} beans are added in their {@code @Order}, then {@link EventStoreBuilderCustomizer} beans
 * adjust the builder — the seam through which integrations (Micrometer) attach.
 */
@AutoConfiguration
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
