package org.jeventstore.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jeventstore.EventStore;
import org.jeventstore.subscription.Subscription;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The store's health: DOWN when the engine cannot be read (the exception is the detail) or a subscription was
 * stopped by a failure; OUT_OF_SERVICE when a subscription was closed, or lags more than
 * {@code jeventstore.health.max-lag} checkpoints behind the head; UP otherwise. Each subscription's state,
 * position and lag are in the details.
 */
final class EventStoreHealthIndicator extends AbstractHealthIndicator {

    private final EventStore store;
    private final EventStoreSubscriptions subscriptions;
    private final Long maxLag;

    EventStoreHealthIndicator(EventStore store, EventStoreSubscriptions subscriptions, Long maxLag) {
        super("JEventStore health check failed");
        this.store = store;
        this.subscriptions = subscriptions;
        this.maxLag = maxLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        long head = store.advanced().lastCheckpoint();
        Status status = Status.UP;
        Map<String, SubscriptionState> states = new LinkedHashMap<>();
        for (Map.Entry<String, Subscription> entry : subscriptions.all().entrySet()) {
            SubscriptionState state = SubscriptionState.of(entry.getValue(), Optional.of(head));
            states.put(entry.getKey(), state);
            status = worse(status, statusOf(state));
        }
        builder.status(status).withDetail("head", head).withDetail("subscriptions", states);
        if (maxLag != null) {
            builder.withDetail("maxLag", maxLag);
        }
    }

    private Status statusOf(SubscriptionState state) {
        return switch (state.state()) {
            case "stopped" -> Status.DOWN;
            case "closed" -> Status.OUT_OF_SERVICE;
            default -> maxLag != null && state.lag() > maxLag ? Status.OUT_OF_SERVICE : Status.UP;
        };
    }

    private static Status worse(Status a, Status b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Status status) {
        return status.equals(Status.DOWN) ? 2 : status.equals(Status.OUT_OF_SERVICE) ? 1 : 0;
    }
}
