package org.jeventstore.subscription;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventType;
import org.jeventstore.RawEvent;

/**
 * A {@link CommitHandler} that hands each event of a commit to the handlers registered for its type, in
 * stream order:
 *
 * <pre>{@code
 * store.subscribe("cart-totals", EventRouter.builder()
 *     .on(ItemAdded.class, (added, context) -> totals.add(context.streamId(), added.quantity()))
 *     .on(ItemRemoved.class, (removed, context) -> totals.remove(context.streamId(), removed.sku()))
 *     .build());
 * }</pre>
 *
 * A handler registered for a type also receives its subtypes; every matching handler runs, in the order
 * registered. Events no handler matches go to {@link Builder#otherwise} if set, else are ignored.
 *
 * <p>A store that delivers to a router registers the route types annotated with {@link EventType}, so history
 * replays the same whether or not this process has written such an event. An event that a route expects but
 * that arrives undecoded (as a {@link RawEvent}) fails the delivery instead of being ignored.
 */
public final class EventRouter implements CommitHandler {

    private record Route(Class<?> type, EventHandler<Object> handler) {
    }

    private final List<Route> routes;
    private final EventHandler<Object> otherwise;
    /** The route types with a stored name ({@link EventType}), by that name. */
    private final Map<String, Class<?>> annotated = new HashMap<>();

    private EventRouter(List<Route> routes, EventHandler<Object> otherwise) {
        this.routes = List.copyOf(routes);
        this.otherwise = otherwise;
        for (Route route : this.routes) {
            EventType name = route.type().getAnnotation(EventType.class);
            if (name != null) {
                annotated.putIfAbsent(name.value(), route.type());
            }
        }
    }

    /**
     * The route types that carry their stored name ({@link EventType}): a store delivering to this router
     * registers them, so that it decodes their events whatever this process has written.
     */
    public Collection<Class<?>> eventTypes() {
        return Collections.unmodifiableCollection(annotated.values());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void handle(Commit commit) throws Exception {
        long revision = commit.firstRevision();
        for (EventMessage message : commit.events()) {
            EventContext context = new EventContext(commit, message, revision++);
            if (message.body() instanceof RawEvent raw && annotated.containsKey(raw.type())) {
                throw undecoded(raw, context);
            }
            boolean handled = false;
            for (Route route : routes) {
                if (route.type().isInstance(message.body())) {
                    route.handler().handle(message.body(), context);
                    handled = true;
                }
            }
            if (!handled && otherwise != null) {
                otherwise.handle(message.body(), context);
            }
        }
    }

    /**
     * A route expects this event but it arrived undecoded (its type is not registered with the store, or was
     * stored in another content type): passing over it would lose it for this handler for good.
     */
    private IllegalStateException undecoded(RawEvent raw, EventContext context) {
        Class<?> expected = annotated.get(raw.type());
        return new IllegalStateException("The event of stored type '" + raw.type() + "' at revision "
                + context.streamRevision() + " of " + context.commit().bucketId() + "/" + context.commit().streamId()
                + " (checkpoint " + context.commit().checkpoint() + ") arrived undecoded (" + raw.contentType()
                + "), though a route expects " + expected.getName() + ": register it with "
                + "EventStore.builder().types(" + expected.getSimpleName() + ".class), or subscribe the EventRouter "
                + "itself rather than a handler wrapping it");
    }

    /** Collects the routes of an {@link EventRouter}. */
    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();
        private EventHandler<Object> otherwise;

        private Builder() {
        }

        /** Sends events of {@code type} (and its subtypes) to {@code handler}. */
        @SuppressWarnings("unchecked")
        public <T> Builder on(Class<T> type, EventHandler<? super T> handler) {
            routes.add(new Route(Objects.requireNonNull(type, "type"),
                    (EventHandler<Object>) Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /** Sends events that no route matches to {@code handler}. */
        public Builder otherwise(EventHandler<Object> handler) {
            this.otherwise = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public EventRouter build() {
            return new EventRouter(routes, otherwise);
        }
    }
}
