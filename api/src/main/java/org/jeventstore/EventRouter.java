package org.jeventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 */
public final class EventRouter implements CommitHandler {

    private record Route(Class<?> type, EventHandler<Object> handler) {
    }

    private final List<Route> routes;
    private final EventHandler<Object> otherwise;

    private EventRouter(List<Route> routes, EventHandler<Object> otherwise) {
        this.routes = List.copyOf(routes);
        this.otherwise = otherwise;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void handle(Commit commit) throws Exception {
        long revision = commit.firstRevision();
        for (EventMessage message : commit.events()) {
            EventContext context = new EventContext(commit, message, revision++);
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
