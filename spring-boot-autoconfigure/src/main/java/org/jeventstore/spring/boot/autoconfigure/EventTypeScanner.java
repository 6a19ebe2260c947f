package org.jeventstore.spring.boot.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jeventstore.EventType;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/** Finds the classes annotated with {@link EventType} in packages, as JPA's entity scan finds entities. */
final class EventTypeScanner {

    private EventTypeScanner() {
    }

    static Set<Class<?>> scan(List<String> packages, ClassLoader loader) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            // The default accepts only concrete component classes; an event is any top-level or static nested type.
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(EventType.class));
        Set<Class<?>> found = new LinkedHashSet<>();
        for (String pkg : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                found.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), loader));
            }
        }
        return found;
    }
}
