package org.jeventstore.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jeventstore.subscription.CommitHandler;
import org.springframework.beans.factory.ListableBeanFactory;

/** Finds the {@link CommitHandler} beans annotated for dispatch, and refuses ambiguous or mistyped ones. */
final class AnnotatedHandlers {

    /** A bean annotated with {@link EventStoreSubscription}. */
    record Named(String name, boolean durable, String beanName) {
    }

    private AnnotatedHandlers() {
    }

    /** The name of the one bean annotated with {@link EventStoreDispatcher}, if there is one. */
    static Optional<String> dispatcher(ListableBeanFactory beans) {
        String[] names = beans.getBeanNamesForAnnotation(EventStoreDispatcher.class);
        if (names.length > 1) {
            throw new IllegalStateException("A store has one dispatcher, but " + names.length + " beans are annotated"
                    + " with @EventStoreDispatcher: " + Arrays.toString(names) + ". Keep one, and make the others"
                    + " @EventStoreSubscription(\"<name>\")");
        }
        for (String name : names) {
            requireHandler(beans, name, "@EventStoreDispatcher");
        }
        return Arrays.stream(names).findFirst();
    }

    /** The beans annotated with {@link EventStoreSubscription}, in the order the context lists them. */
    static List<Named> subscriptions(ListableBeanFactory beans) {
        Map<String, Named> byName = new LinkedHashMap<>();
        for (String beanName : beans.getBeanNamesForAnnotation(EventStoreSubscription.class)) {
            requireHandler(beans, beanName, "@EventStoreSubscription");
            EventStoreSubscription annotation = beans.findAnnotationOnBean(beanName, EventStoreSubscription.class);
            Named named = new Named(annotation.value(), annotation.durable(), beanName);
            Named before = byName.putIfAbsent(named.name(), named);
            if (before != null) {
                throw new IllegalStateException("Beans '" + before.beanName() + "' and '" + beanName + "' are both"
                        + " @EventStoreSubscription(\"" + named.name() + "\"): a name belongs to one subscription");
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static void requireHandler(ListableBeanFactory beans, String beanName, String annotation) {
        if (!beans.isTypeMatch(beanName, CommitHandler.class)) {
            throw new IllegalStateException("Bean '" + beanName + "' is annotated with " + annotation + " but is a "
                    + beans.getType(beanName) + ", not a " + CommitHandler.class.getName());
        }
    }
}
