package org.jeventstore.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jeventstore.EventStore;
import org.jeventstore.subscription.Subscription;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code jeventstore} actuator endpoint: the store's head, each subscription's state, position, lag and
 * parked commits ({@code GET /actuator/jeventstore}, or {@code /actuator/jeventstore/<name>} for one), and the
 * redelivery of a parked commit ({@code POST /actuator/jeventstore/<name>} with {@code {"checkpoint": 42}}).
 */
@Endpoint(id = "jeventstore")
public class EventStoreEndpoint {

    private final EventStore store;
    private final EventStoreSubscriptions subscriptions;

    EventStoreEndpoint(EventStore store, EventStoreSubscriptions subscriptions) {
        this.store = store;
        this.subscriptions = subscriptions;
    }

    /** The store's head and its subscriptions. */
    @ReadOperation
    public StoreReport report() {
        long head = store.advanced().lastCheckpoint();
        Map<String, SubscriptionReport> reports = new LinkedHashMap<>();
        subscriptions.all().forEach((name, subscription) -> reports.put(name, report(subscription, head)));
        return new StoreReport(head, reports);
    }

    /** One subscription, or null (404) if none has this name. */
    @ReadOperation
    public SubscriptionReport subscription(@Selector String name) {
        return subscriptions.find(name).map(s -> report(s, store.advanced().lastCheckpoint())).orElse(null);
    }

    /**
     * Delivers the parked commit at {@code checkpoint} to the subscription's handler again, and removes it from
     * the parked list if the handler succeeds; the handler's failure is the answer's {@code failure}.
     */
    @WriteOperation
    public Redelivery redeliver(@Selector String name, long checkpoint) {
        Optional<Subscription> subscription = subscriptions.find(name);
        if (subscription.isEmpty()) {
            return null;
        }
        try {
            boolean redelivered = subscription.get().redeliver(checkpoint);
            return new Redelivery(checkpoint, redelivered, null, subscription.get().parked());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Redelivery(checkpoint, false, e.toString(), subscription.get().parked());
        } catch (Exception e) {
            return new Redelivery(checkpoint, false, e.toString(), subscription.get().parked());
        }
    }

    private static SubscriptionReport report(Subscription subscription, long head) {
        return new SubscriptionReport(SubscriptionState.of(subscription, Optional.of(head)),
                subscription.name().isPresent(), subscription.parked());
    }

    /** The answer of a read of the whole endpoint. */
    public record StoreReport(long head, Map<String, SubscriptionReport> subscriptions) {
    }

    /**
     * One subscription.
     *
     * @param durable whether its position (and parked list) is stored in the engine
     * @param parked  the checkpoints of its parked commits, in order
     */
    public record SubscriptionReport(SubscriptionState status, boolean durable, List<Long> parked) {
    }

    /**
     * The outcome of a redelivery.
     *
     * @param redelivered true if the handler took the commit (it is no longer parked); false if it was not parked,
     *                    no longer exists, or the handler failed
     * @param failure     the handler's failure, or why the subscription refused (closed, stopped); null if none
     * @param parked      the parked checkpoints after the attempt
     */
    public record Redelivery(long checkpoint, boolean redelivered, String failure, List<Long> parked) {
    }
}
