package org.jeventstore.spring.boot.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jeventstore.EventStore;
import org.jeventstore.subscription.CommitHandler;
import org.jeventstore.subscription.Subscription;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The dispatcher and the {@link EventStoreSubscription} subscriptions of the context's store, by name. The
 * subscriptions start when the context starts (after every singleton exists, so a handler may use any bean)
 * and close when it stops, before the store closes; the dispatcher runs from the store's creation to its
 * close. Started again (a context stopped and started), a durable subscription resumes from its stored position
 * and a non-durable one from where it stopped. Inject it to look a subscription up; the health indicator and the
 * {@code jeventstore} endpoint do.
 */
public final class EventStoreSubscriptions implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(EventStoreSubscriptions.class.getName());

    private final EventStore store;
    private final ListableBeanFactory beans;
    private final List<AnnotatedHandlers.Named> handlers;
    private final JEventStoreProperties properties;
    private final Map<String, Subscription> started = Collections.synchronizedMap(new LinkedHashMap<>());
    // Where each non-durable subscription stopped: its handler bean, and the state it built, outlive a stop of the
    // context (Spring's test framework pauses cached contexts), so a start resumes there instead of replaying.
    private final Map<String, Long> inMemoryPositions = new ConcurrentHashMap<>();
    private volatile boolean running;

    EventStoreSubscriptions(EventStore store, ListableBeanFactory beans, JEventStoreProperties properties) {
        this.store = store;
        this.beans = beans;
        this.properties = properties;
        this.handlers = AnnotatedHandlers.subscriptions(beans);
        Set<String> unknown = new TreeSet<>(properties.getSubscriptions().keySet());
        handlers.forEach(handler -> unknown.remove(handler.name()));
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("jeventstore.subscriptions names " + unknown + ", but no bean is"
                    + " @EventStoreSubscription of that name; annotated: " + handlers.stream()
                    .map(AnnotatedHandlers.Named::name).toList());
        }
        Optional<String> dispatcherBean = AnnotatedHandlers.dispatcher(beans);
        if (dispatcherBean.isPresent() && store.dispatcher().isEmpty()) {
            throw new IllegalStateException("Bean '" + dispatcherBean.get() + "' is @EventStoreDispatcher, but the"
                    + " application's own EventStore bean has no dispatcher: call dispatchTo(...) where it is built,"
                    + " or leave the EventStore bean to the auto-configuration");
        }
        dispatcher().ifPresent(d -> {
            if (handlers.stream().anyMatch(h -> h.name().equals(d.name().orElseThrow()))) {
                throw new IllegalStateException("A subscription is named '" + d.name().orElseThrow() + "' like the"
                        + " dispatcher's position: name one of them otherwise (jeventstore.dispatcher.name)");
            }
        });
    }

    /** The dispatcher, then the subscriptions in the order they started, by name. */
    public Map<String, Subscription> all() {
        Map<String, Subscription> all = new LinkedHashMap<>();
        dispatcher().ifPresent(d -> all.put(d.name().orElseThrow(), d));
        synchronized (started) {
            all.putAll(started);
        }
        return all;
    }

    /** The dispatcher or subscription of this name. */
    public Optional<Subscription> find(String name) {
        return Optional.ofNullable(all().get(name));
    }

    private Optional<Subscription> dispatcher() {
        return store.dispatcher().filter(d -> d.name().isPresent());
    }

    @Override
    public void start() {
        try {
            for (AnnotatedHandlers.Named handler : handlers) {
                CommitHandler bean = beans.getBean(handler.beanName(), CommitHandler.class);
                SubscriptionProperties options = properties.getSubscriptions()
                        .getOrDefault(handler.name(), new SubscriptionProperties());
                Subscription subscription = handler.durable()
                        ? store.subscribe(handler.name(), bean, options.toOptions())
                        : store.subscribe(inMemoryPositions.getOrDefault(handler.name(), 0L), bean,
                                options.toOptions());
                started.put(handler.name(), subscription);
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        running = true;
    }

    @Override
    public void stop() {
        Map<String, Subscription> toClose;
        synchronized (started) {
            toClose = new LinkedHashMap<>(started);
            started.clear();
        }
        toClose.forEach((name, subscription) -> {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing subscription " + name + " failed", e);
            }
            if (subscription.name().isEmpty()) {
                inMemoryPositions.put(name, subscription.position());
            }
        });
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
