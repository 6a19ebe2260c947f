package org.jeventstore.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.jeventstore.observation.SubscriptionObserver;
import org.jeventstore.subscription.Subscription;

/**
 * The meters of the live subscriptions sharing one key value: one named subscription (or dispatcher), or all
 * the anonymous ones of a store, so that anonymous subscriptions, however many come and go, make one series
 * each. Counters add up over the group and outlive it (a restarted subscription counts on); the gauges report
 * the member furthest behind and are removed with the last member.
 */
final class SubscriptionGroup {

    static final String SUBSCRIPTION = "jeventstore.subscription";

    private static final System.Logger LOG = System.getLogger(SubscriptionGroup.class.getName());

    private final MeterRegistry meters;
    private final StoreLag lag;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final Counter deliveries;
    private final Counter failures;
    private final Counter retries;
    private final Counter parked;
    private final List<Meter> gauges;

    SubscriptionGroup(String name, boolean anonymous, String system, MeterRegistry meters, StoreLag lag) {
        this.meters = meters;
        this.lag = lag;
        Tags tags = Tags.of(MicrometerStoreObserver.SYSTEM, system, SUBSCRIPTION, name);
        deliveries = counter("jeventstore.subscription.deliveries", "commits handed to the handler and handled",
                tags);
        failures = counter("jeventstore.subscription.failures", "handler attempts that threw", tags);
        retries = counter("jeventstore.subscription.retries", "commits handed to the handler again after it threw",
                tags);
        parked = counter("jeventstore.subscription.parked", "commits parked after every attempt failed", tags);
        List<Meter> registered = new ArrayList<>(List.of(
                gauge("jeventstore.subscription.position", "the checkpoint of the last commit handled",
                        SubscriptionGroup::position, tags),
                gauge("jeventstore.subscription.lag",
                        "checkpoints between the store's head and the position", SubscriptionGroup::lag, tags),
                TimeGauge.builder("jeventstore.subscription.undelivered.age", this, TimeUnit.SECONDS,
                                SubscriptionGroup::undeliveredAge)
                        .description("time since the oldest commit not yet delivered was stamped; 0 when caught up")
                        .tags(tags)
                        .register(meters)));
        if (!anonymous) {
            registered.add(gauge("jeventstore.subscription.position.stored",
                    "the position last stored in the engine", SubscriptionGroup::stored, tags));
        }
        gauges = List.copyOf(registered);
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).baseUnit("commits").tags(tags).register(meters);
    }

    private Gauge gauge(String name, String description, ToDoubleFunction<SubscriptionGroup> value, Tags tags) {
        return Gauge.builder(name, this, value).description(description).tags(tags).strongReference(true)
                .register(meters);
    }

    /** Adds a started subscription, replacing the stopped ones kept (see {@link Member#stopped()}). */
    Member add(Subscription subscription, Consumer<Member> onStop) {
        members.stream().filter(member -> !member.subscription.isRunning()).forEach(lag::untrack);
        members.removeIf(member -> !member.subscription.isRunning());
        Member member = new Member(subscription, onStop);
        members.add(member);
        lag.track(member);
        return member;
    }

    /** Removes a stopped member; true if it was the last, whose gauges are then removed too. */
    boolean remove(Member member) {
        members.remove(member);
        lag.untrack(member);
        if (!members.isEmpty()) {
            return false;
        }
        removeGauges();
        return true;
    }

    /** Takes the gauges off the registry, so that it holds nothing that reaches the store. */
    void removeGauges() {
        gauges.forEach(meters::remove);
    }

    private double position() {
        return members.stream().mapToLong(member -> member.subscription.position()).min().orElse(0);
    }

    private double stored() {
        return members.stream().mapToLong(member -> member.stored).max().orElse(0);
    }

    private double lag() {
        if (members.isEmpty()) {
            return 0;
        }
        long head = lag.head();
        return members.stream().mapToLong(member -> Math.max(0, head - member.subscription.position())).max()
                .orElse(0);
    }

    private double undeliveredAge() {
        if (members.isEmpty()) {
            return 0;
        }
        long head = lag.head();
        return members.stream().mapToDouble(member -> member.ageSeconds(head)).max().orElse(0);
    }

    /** One live subscription of the group: its counters are the group's. */
    final class Member implements SubscriptionObserver {
        private final Subscription subscription;
        private final Consumer<Member> onStop;
        private volatile long stored;
        /** The position the stamp below was read for, by the lag's thread alone. */
        private long agePosition = -1;
        private volatile long ageStamp = -1;

        Member(Subscription subscription, Consumer<Member> onStop) {
            this.subscription = subscription;
            this.onStop = onStop;
            this.stored = subscription.position();
        }

        /**
         * Seconds since the first commit after the position was stamped, as last read; 0 when the position has
         * reached the head. Reads nothing: {@link #refreshAge} does, on the lag's thread.
         */
        double ageSeconds(long head) {
            long stamp = ageStamp;
            if (subscription.position() >= head || stamp < 0) {
                return 0;
            }
            return Math.max(0, lag.clock().wallTime() - stamp) / 1000.0;
        }

        /**
         * Reads the stamp again when the position moved, and while no commit was seen after it: the head may
         * count one still in flight, which a stuck handler would otherwise leave at age 0 for good.
         */
        void refreshAge(long head) {
            long position = subscription.position();
            if (position >= head || position == agePosition && ageStamp >= 0) {
                return;
            }
            try {
                ageStamp = lag.firstStampAfter(position, head);
                agePosition = position;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Cannot read the feed after checkpoint " + position
                        + "; the age gauge keeps the last value", e);
            }
        }

        @Override
        public void delivered(long checkpoint) {
            deliveries.increment();
        }

        @Override
        public void handlerFailed(long checkpoint, int attempt, Throwable failure) {
            failures.increment();
        }

        @Override
        public void retrying(long checkpoint, int attempt) {
            retries.increment();
        }

        @Override
        public void parked(long checkpoint) {
            parked.increment();
        }

        @Override
        public void positionStored(long checkpoint) {
            stored = checkpoint;
        }

        /**
         * Forgets the subscription, unless a failure stopped a named one: that one keeps reporting, its lag
         * growing with the head, as an alert on lag should see it, until a subscription of its name starts
         * again in its place.
         */
        @Override
        public void stopped() {
            if (subscription.name().isPresent() && subscription.failure().isPresent()) {
                return;
            }
            onStop.accept(this);
        }
    }
}
