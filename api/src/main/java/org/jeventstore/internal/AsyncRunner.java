package org.jeventstore.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the blocking calls behind the {@code …Async} methods on the user's executor, or on a pool of daemon
 * threads the store owns and shuts down when it closes. Never on the common fork-join pool, which is not
 * meant for blocking I/O.
 */
public final class AsyncRunner implements AutoCloseable {

    private final Executor executor;
    private final ExecutorService owned;

    private AsyncRunner(Executor executor, ExecutorService owned) {
        this.executor = executor;
        this.owned = owned;
    }

    public static AsyncRunner on(Executor executor) {
        return new AsyncRunner(executor, null);
    }

    public static AsyncRunner ownPool() {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "jeventstore-async-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new AsyncRunner(pool, pool);
    }

    /**
     * Runs {@code call} on the executor.
     *
     * @throws IllegalStateException if the store closed (and shut its own pool down) since the caller checked
     */
    <T> CompletableFuture<T> supply(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, executor);
        } catch (RejectedExecutionException e) {
            if (owned != null && owned.isShutdown()) {
                throw new IllegalStateException("The event store is closed", e);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdown();
        }
    }
}
