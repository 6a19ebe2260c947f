package org.jeventstore.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.micrometer.JEventStoreObservation;

/**
 * A harness, not a test: {@code Benchmarks [store-uri] [seconds-per-measurement]}. Runs each workload through
 * the public API (an {@code EventStream} kept open per stream, {@code add(EventMessage.of(e))},
 * {@code commitChanges(UUID.randomUUID())}) and against the {@link RawFloor} in one JVM, interleaving their
 * iterations so both see the same machine state, and prints for each the medians, the spread, the ratio to
 * the floor and the bytes allocated per commit. A round fills {@value #STREAMS} streams from empty to
 * {@value #EVENTS_PER_STREAM} events, round-robin, in a fresh store (or, on a shared or remote store, on
 * fresh stream ids). It also measures the cost of observing commits with Micrometer, and on {@code memory:}
 * dispatch ({@link DispatchBenchmark}).
 *
 * <p>Beside the workloads it prints what {@code UUID.randomUUID()} costs alone, on 1 and 2 threads
 * (its SecureRandom is shared by every thread of the JVM), and the single-event workloads with commit ids from
 * {@code ThreadLocalRandom}, to tell the store's scaling from the id generator's, and the 10-event workload with them.
 */
public final class Benchmarks {

    static final int STREAMS = 1_000;
    static final int EVENTS_PER_STREAM = 100;
    private static final int READ_EVENTS = 10_000;
    private static final int WARM_UPS = 2;
    private static final int ITERATIONS = 5;
    private static final int GROWN_COMMITS = 1_000_000;
    private static final int GROWN_ITERATIONS = 9;
    private static final int GROWN_ROUNDS = 3;
    private static final String[] SKUS = new String[64];
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        for (int i = 0; i < SKUS.length; i++) {
            SKUS[i] = "sku-" + (10_000 + i);
        }
    }

    private final String uri;
    private final double seconds;

    private Benchmarks(String uri, double seconds) {
        this.uri = uri;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 && !args[0].isBlank() ? args[0] : "memory:";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 0.6;
        System.out.printf("JEventStore benchmarks on %s (%d cores, %s, Java %s); medians of %d interleaved "
                        + "iterations [min – max]%n", org.jeventstore.spi.StoreUri.parse(uri),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), Runtime.version(),
                ITERATIONS);
        new Benchmarks(uri, seconds).run();
        if (uri.startsWith("memory:")) {
            DispatchBenchmark.run();
        }
    }

    static ItemAdded event(int stream, long revision) {
        return new ItemAdded(SKUS[stream % SKUS.length], (int) (revision % 7) + 1, 9.99);
    }

    private void run() throws Exception {
        List<Comparison> comparisons = List.of(
                new Comparison("single-event commits/s, 1 thread", "commits", 1, 1),
                new Comparison("single-event commits/s, 2 threads", "commits", 2, 1),
                new Comparison("10-event commits, 1 thread, events/s", "commits", 1, 10),
                new Comparison("full read of a " + String.format("%,d", READ_EVENTS) + "-event stream, events/s",
                        null, 1, 0),
                new Comparison("not the issue's workload: single-event commits/s, 1 thread, commit ids from "
                        + "ThreadLocalRandom", "commits", 1, 1, Benchmarks::localRandomId),
                new Comparison("not the issue's workload: single-event commits/s, 2 threads, commit ids from "
                        + "ThreadLocalRandom", "commits", 2, 1, Benchmarks::localRandomId),
                new Comparison("not the issue's workload: 10-event commits, 1 thread, events/s, commit ids from "
                        + "ThreadLocalRandom", "commits", 1, 10, Benchmarks::localRandomId));
        Figures[] uuids = {new Figures(), new Figures()};
        for (int iteration = 0; iteration < WARM_UPS + ITERATIONS; iteration++) {
            for (Comparison comparison : comparisons) {
                comparison.measure(iteration >= WARM_UPS);
            }
            for (int threads = 1; threads <= 2; threads++) {
                double perSecond = randomUuids(threads);
                if (iteration >= WARM_UPS) {
                    uuids[threads - 1].add(perSecond);
                }
            }
        }
        for (Comparison comparison : comparisons) {
            comparison.print();
        }
        double oneThread = comparisons.get(0).store.median();
        double twoThreads = comparisons.get(1).store.median();
        System.out.printf("  store on 2 threads / store on 1 thread: %.2f×; with commit ids from ThreadLocalRandom: "
                + "%.2f×%n", twoThreads / oneThread, comparisons.get(5).store.median() / comparisons.get(4).store.median());
        System.out.printf("UUID.randomUUID() alone, calls/s: 1 thread %s (%.0f ns a call), 2 threads %s in all "
                        + "(2 threads / 1 thread %.2f×)%n", uuids[0], 1e9 / uuids[0].median(), uuids[1],
                uuids[1].median() / uuids[0].median());
        observationOverhead();
        grownStore();
    }

    /** A random commit id without {@code UUID.randomUUID()}'s SecureRandom, which every thread shares. */
    private static UUID localRandomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** How many {@code UUID.randomUUID()} calls {@code threads} threads make per second, in all. */
    private double randomUuids(int threads) throws Exception {
        int calls = 200_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long total = 0;
            long start = System.nanoTime();
            do {
                List<Callable<UUID>> callers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    callers.add(() -> {
                        UUID last = null;
                        for (int i = 0; i < calls; i++) {
                            last = UUID.randomUUID();
                        }
                        return last;
                    });
                }
                for (Future<UUID> result : pool.invokeAll(callers)) {
                    result.get();
                }
                total += (long) calls * threads;
            } while (System.nanoTime() - start < seconds * 1e9 / 2);
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The 1-thread single-event figure with the Micrometer observer on (every commit an observation, timed by
     * a {@code DefaultMeterObservationHandler} into a {@code SimpleMeterRegistry}) against off, interleaved.
     */
    private void observationOverhead() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        Figures off = new Figures();
        Figures on = new Figures();
        Figures ratio = new Figures();
        Figures offBytes = new Figures();
        Figures onBytes = new Figures();
        for (int iteration = 0; iteration < WARM_UPS + ITERATIONS; iteration++) {
            double[] plain = timed(() -> new StoreSide(open(), null), 1, 1);
            double[] observed = timed(() -> new StoreSide(EventStore.builder().engine(uri).types(ItemAdded.class)
                    .observer(JEventStoreObservation.observer(observations, meters)).build(), null), 1, 1);
            if (iteration >= WARM_UPS) {
                off.add(plain[0]);
                on.add(observed[0]);
                ratio.add(observed[0] / plain[0]);
                offBytes.add(plain[1]);
                onBytes.add(observed[1]);
            }
        }
        System.out.printf("single-event commits/s, 1 thread, observed by Micrometer: on %s, off %s, on / off %s%n",
                on, off, ratio.ratios());
        System.out.printf("  bytes allocated per commit: on %,.0f, off %,.0f%n", onBytes.median(), offBytes.median());
    }

    /**
     * The 1-thread single-event figure on a store already holding {@value #GROWN_COMMITS} commits, against an
     * empty one. With that store live on the heap, a timed round that happens to include a collection of the old
     * generation swings the figure by several times, so each sample is taken after a {@code System.gc()} and a
     * pause, on both sides, and is {@value #GROWN_ROUNDS} rounds. The sides alternate which goes first; the streams a grown sample wrote are deleted
     * after it, so every sample finds the same {@value #GROWN_COMMITS} commits stored.
     */
    private void grownStore() throws Exception {
        try (EventStore grown = open()) {
            for (int filled = 0; filled < GROWN_COMMITS; filled += STREAMS * EVENTS_PER_STREAM) {
                fill(new StoreSide(grown, "fill-" + filled + "-"), 1, 1);
            }
            Figures empty = new Figures();
            Figures full = new Figures();
            Figures ratio = new Figures();
            for (int iteration = 0; iteration < WARM_UPS + GROWN_ITERATIONS; iteration++) {
                double onEmpty = 0;
                double onFull = 0;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == (iteration % 2 == 0)) {
                        onEmpty = settledRounds(() -> new StoreSide(open(), null));
                    } else {
                        List<String> prefixes = new ArrayList<>();
                        onFull = settledRounds(() -> {
                            prefixes.add("grown-" + UUID.randomUUID() + "-");
                            return new StoreSide(grown, prefixes.get(prefixes.size() - 1));
                        });
                        for (String prefix : prefixes) {
                            for (int index = 0; index < STREAMS; index++) {
                                grown.advanced().deleteStream(EventStore.DEFAULT_BUCKET, prefix + index);
                            }
                        }
                    }
                }
                if (iteration >= WARM_UPS) {
                    empty.add(onEmpty);
                    full.add(onFull);
                    ratio.add(onFull / onEmpty);
                }
            }
            System.out.printf("single-event commits/s, 1 thread, with %,d commits stored: %s; on an empty store: %s;"
                            + " stored / empty %s (medians of %d, each after a collection)%n", GROWN_COMMITS, full,
                    empty, ratio.ratios(), GROWN_ITERATIONS);
            System.out.printf("  stored / empty by sample, in order: %s%n", ratio.inOrder());
        }
    }

    /** {@value #GROWN_ROUNDS} rounds on one side, after a full collection and a pause; commits per second. */
    private static double settledRounds(Supplier<Side> sides) throws Exception {
        System.gc();
        Thread.sleep(200);
        long nanos = 0;
        for (int round = 0; round < GROWN_ROUNDS; round++) {
            try (Side side = sides.get()) {
                long start = System.nanoTime();
                fill(side, 1, 1);
                nanos += System.nanoTime() - start;
            }
        }
        return (double) GROWN_ROUNDS * STREAMS * EVENTS_PER_STREAM / (nanos / 1e9);
    }

    private EventStore open() {
        return EventStore.builder().engine(uri).types(ItemAdded.class).build();
    }

    /** Where a round writes: a fresh store or floor, or fresh streams of a shared store. */
    interface Side extends AutoCloseable {
        /** Appends {@code count} events to stream {@code index}, which holds {@code revision} events. */
        void append(int index, long revision, int count);

        /** Writes {@value #READ_EVENTS} single-event commits to one stream, then reads it whole; returns the events read. */
        int read(boolean prepare);

        @Override
        void close();
    }

    private final class StoreSide implements Side {
        private final EventStore store;
        private final boolean owned;
        private final String prefix;
        private final Supplier<UUID> commitIds;
        private final EventStream[] streams = new EventStream[STREAMS];

        StoreSide(EventStore store, String prefix) {
            this(store, prefix, UUID::randomUUID);
        }

        StoreSide(EventStore store, String prefix, Supplier<UUID> commitIds) {
            this.store = store;
            this.owned = prefix == null;
            this.prefix = prefix == null ? "s-" + UUID.randomUUID() + "-" : prefix;
            this.commitIds = commitIds;
        }

        @Override
        public void append(int index, long revision, int count) {
            EventStream stream = streams[index];
            if (stream == null) {
                stream = store.createStream(prefix + index);
                streams[index] = stream;
            }
            for (int i = 0; i < count; i++) {
                stream.add(EventMessage.of(event(index, revision + i)));
            }
            stream.commitChanges(commitIds.get());
        }

        @Override
        public int read(boolean prepare) {
            if (prepare) {
                try (EventStream stream = store.createStream(prefix + "read")) {
                    for (int i = 0; i < READ_EVENTS; i++) {
                        stream.add(EventMessage.of(event(0, i)));
                        stream.commitChanges(UUID.randomUUID());
                    }
                }
                return 0;
            }
            try (EventStream stream = store.openStream(prefix + "read")) {
                return stream.committedEvents().size();
            }
        }

        @Override
        public void close() {
            if (owned) {
                store.close();
            }
        }
    }

    private static final class FloorSide implements Side {
        private final RawFloor floor = new RawFloor();
        private final String[] ids = new String[STREAMS];

        FloorSide() {
            for (int i = 0; i < STREAMS; i++) {
                ids[i] = "s-" + i;
            }
        }

        @Override
        public void append(int index, long revision, int count) {
            if (count == 1) {
                floor.append(ids[index], revision, event(index, revision));
                return;
            }
            List<ItemAdded> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(event(index, revision + i));
            }
            floor.append(ids[index], revision, events);
        }

        @Override
        public int read(boolean prepare) {
            if (prepare) {
                for (int i = 0; i < READ_EVENTS; i++) {
                    floor.append("read", i, event(0, i));
                }
                return 0;
            }
            return floor.read("read", ItemAdded.class).size();
        }

        @Override
        public void close() {
        }
    }

    /** One workload on the store and on the floor. */
    private final class Comparison {
        final String title;
        final String perWhat;
        final int threads;
        final int eventsPerCommit;
        final Figures store = new Figures();
        final Figures floor = new Figures();
        final Figures ratio = new Figures();
        final Figures storeBytes = new Figures();
        final Figures floorBytes = new Figures();
        final Supplier<UUID> commitIds;

        Comparison(String title, String perWhat, int threads, int eventsPerCommit) {
            this(title, perWhat, threads, eventsPerCommit, UUID::randomUUID);
        }

        Comparison(String title, String perWhat, int threads, int eventsPerCommit, Supplier<UUID> commitIds) {
            this.title = title;
            this.perWhat = perWhat;
            this.threads = threads;
            this.eventsPerCommit = eventsPerCommit;
            this.commitIds = commitIds;
        }

        void measure(boolean record) throws Exception {
            double[] onFloor = eventsPerCommit == 0 ? timedRead(FloorSide::new)
                    : timed(FloorSide::new, threads, eventsPerCommit);
            double[] onStore = eventsPerCommit == 0 ? timedRead(() -> new StoreSide(open(), null))
                    : timed(() -> new StoreSide(open(), null, commitIds), threads, eventsPerCommit);
            if (record) {
                floor.add(onFloor[0]);
                store.add(onStore[0]);
                ratio.add(onStore[0] / onFloor[0]);
                floorBytes.add(onFloor[1]);
                storeBytes.add(onStore[1]);
            }
        }

        void print() {
            System.out.printf("%s: store %s, floor %s, store / floor %s%n", title, store, floor, ratio.ratios());
            if (perWhat != null) {
                System.out.printf("  bytes allocated per commit: store %,.0f, floor %,.0f%n", storeBytes.median(),
                        floorBytes.median());
            }
        }
    }

    /** Rounds on fresh sides until {@link #seconds} have passed: {units per second, bytes allocated per commit}. */
    private double[] timed(Supplier<Side> sides, int threads, int eventsPerCommit)
            throws Exception {
        long nanos = 0;
        long commits = 0;
        long bytes = 0;
        do {
            try (Side side = sides.get()) {
                long start = System.nanoTime();
                bytes += fill(side, threads, eventsPerCommit);
                nanos += System.nanoTime() - start;
                commits += (long) STREAMS * EVENTS_PER_STREAM / eventsPerCommit;
            }
        } while (nanos < seconds * 1e9);
        return new double[] {commits * eventsPerCommit / (nanos / 1e9), (double) bytes / commits};
    }

    private double[] timedRead(Supplier<Side> sides) {
        try (Side side = sides.get()) {
            side.read(true);
            long nanos = 0;
            long events = 0;
            long bytes = 0;
            long thread = Thread.currentThread().getId();
            do {
                long allocated = THREADS.getThreadAllocatedBytes(thread);
                long start = System.nanoTime();
                events += side.read(false);
                nanos += System.nanoTime() - start;
                bytes += THREADS.getThreadAllocatedBytes(thread) - allocated;
            } while (nanos < seconds * 1e9 / 2);
            return new double[] {events / (nanos / 1e9), (double) bytes / events};
        }
    }

    /** Fills every stream of {@code side}, each thread owning its share; returns the bytes the threads allocated. */
    private static long fill(Side side, int threads, int eventsPerCommit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Long>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * STREAMS / threads;
                int last = (t + 1) * STREAMS / threads;
                writers.add(() -> {
                    long thread = Thread.currentThread().getId();
                    long allocated = THREADS.getThreadAllocatedBytes(thread);
                    for (long revision = 0; revision < EVENTS_PER_STREAM; revision += eventsPerCommit) {
                        for (int index = first; index < last; index++) {
                            side.append(index, revision, eventsPerCommit);
                        }
                    }
                    return THREADS.getThreadAllocatedBytes(thread) - allocated;
                });
            }
            long bytes = 0;
            for (Future<Long> result : pool.invokeAll(writers)) {
                bytes += result.get();
            }
            return bytes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Measured values of one figure. */
    private static final class Figures {
        private final List<Double> values = new ArrayList<>();

        void add(double value) {
            values.add(value);
        }

        double median() {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[sorted.length / 2];
        }

        private double[] range() {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new double[] {sorted[0], sorted[sorted.length - 1]};
        }

        /** The values as measured, in order: where an outlier falls tells what it coincides with. */
        String inOrder() {
            StringBuilder text = new StringBuilder();
            for (double value : values) {
                text.append(text.length() == 0 ? "" : " ").append(String.format("%.3f", value));
            }
            return text.toString();
        }

        String ratios() {
            double[] range = range();
            return String.format("%.3f× [%.3f – %.3f]", median(), range[0], range[1]);
        }

        @Override
        public String toString() {
            double[] range = range();
            return String.format("%,.0f [%,.0f – %,.0f]", median(), range[0], range[1]);
        }
    }
}
