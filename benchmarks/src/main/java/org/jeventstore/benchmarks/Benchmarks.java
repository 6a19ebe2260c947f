package org.jeventstore.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;

/**
 * A small harness, not a test: {@code Benchmarks [store-uri] [seconds-per-measurement]}. Reports
 * single-event commits per second on 1 and 2 threads (each thread appending to streams of its own, one
 * EventStream kept open per stream, as a command handler would), and the time to open a 10 000-event
 * stream; on {@code memory:} also dispatch throughput and delay ({@link DispatchBenchmark}). Each figure is the median of several timed runs after a warm-up. With {@code memory:} each run
 * gets a fresh store; with a named or remote store, runs add to the same storage.
 */
public final class Benchmarks {

    private static final int RUNS = 5;
    private static final int EVENTS_PER_STREAM = 10_000;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 && !args[0].isBlank() ? args[0] : "memory:";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        System.out.printf("JEventStore benchmarks on %s (%d cores, %s, Java %s)%n",
                org.jeventstore.spi.StoreUri.parse(uri), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), Runtime.version());
        try (EventStore store = open(uri)) {
            commitThroughput(store, 1, seconds / 2);   // warm-up
        }
        for (int threads : new int[] {1, 2}) {
            double[] rates = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                // A store per run: the figures do not depend on what earlier runs left on the heap.
                try (EventStore store = open(uri)) {
                    rates[run] = commitThroughput(store, threads, seconds);
                }
            }
            System.out.printf("single-event commits/s, %d thread(s): median %,.0f  (runs: %s)%n", threads,
                    median(rates), format(rates));
        }
        try (EventStore store = open(uri)) {
            readLatency(store);
        }
        if (uri.startsWith("memory:")) {
            DispatchBenchmark.run();
        }
    }

    private static EventStore open(String uri) {
        return EventStore.builder().engine(uri).types(Deposited.class).build();
    }

    /** Commits per second over all threads during {@code seconds}. */
    private static double commitThroughput(EventStore store, int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            List<Callable<Long>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(() -> {
                    long commits = 0;
                    EventStream stream = store.createStream("bench-" + UUID.randomUUID());
                    while (System.nanoTime() < deadline) {
                        if (stream.streamRevision() == EVENTS_PER_STREAM) {
                            stream = store.createStream("bench-" + UUID.randomUUID());
                        }
                        stream.add(EventMessage.of(new Deposited("acc-1", commits)));
                        stream.commitChanges(UUID.randomUUID());
                        commits++;
                    }
                    return commits;
                });
            }
            long start = System.nanoTime();
            long total = 0;
            for (Future<Long> result : pool.invokeAll(writers)) {
                total += result.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void readLatency(EventStore store) {
        String streamId = "read-" + UUID.randomUUID();
        try (EventStream stream = store.createStream(streamId)) {
            for (int i = 0; i < EVENTS_PER_STREAM; i++) {
                stream.add(EventMessage.of(new Deposited("acc-2", i)));
                stream.commitChanges(UUID.randomUUID());
            }
        }
        double[] millis = new double[RUNS * 2];
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            try (EventStream stream = store.openStream(streamId)) {
                if (stream.committedEvents().size() != EVENTS_PER_STREAM) {
                    throw new IllegalStateException("read " + stream.committedEvents().size() + " events");
                }
            }
            millis[run] = (System.nanoTime() - start) / 1e6;
        }
        double[] measured = Arrays.copyOfRange(millis, RUNS, millis.length);
        System.out.printf("open a %,d-event stream (%,d commits): median %.1f ms  (runs: %s ms)%n",
                EVENTS_PER_STREAM, EVENTS_PER_STREAM, median(measured), format(measured));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String format(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format("%,.1f", value));
        }
        return text.toString();
    }
}
