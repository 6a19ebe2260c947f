package org.jeventstore.spring.boot.autoconfigure;

import java.util.Optional;
import org.jeventstore.subscription.Subscription;

/**
 * What a subscription is doing, as the health indicator and the endpoint report it. Nullable components, not
 * {@code Optional}s: the value is written as JSON by whichever Jackson the actuator uses.
 *
 * @param state    {@code running} (delivering), {@code standby} (running, waiting for another process's lease of
 *                 its name), {@code stopped} (by its failure) or {@code closed}
 * @param position the checkpoint of the last commit handled or parked
 * @param lag      checkpoints between the store's head and the position (checkpoints may leave gaps, so this is
 *                 at least the number of commits not yet handled); null when the head is not known
 * @param failure  what stopped it, as {@code Throwable.toString()}; null when nothing did
 */
public record SubscriptionState(String state, long position, Long lag, String failure) {

    static SubscriptionState of(Subscription subscription, Optional<Long> head) {
        long position = subscription.position();
        Optional<Throwable> failure = subscription.failure();
        String state = subscription.isActive() ? "running"
                : subscription.isRunning() ? "standby"
                : failure.isPresent() ? "stopped" : "closed";
        return new SubscriptionState(state, position, head.map(h -> Math.max(0, h - position)).orElse(null),
                failure.map(Throwable::toString).orElse(null));
    }
}
