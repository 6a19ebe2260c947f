package org.jeventstore.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.PersistenceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tail", description = {"The store-wide feed in checkpoint order.",
        "With --follow, goes on printing new commits as they arrive until interrupted: Ctrl-C ends it at once, "
                + "the commit under way printed whole, with exit code 130."})
final class TailCommand extends StoreCommand {

    /** How long Ctrl-C waits for the loop to stop before the JVM exits all the same. */
    private static final long STOP_WAIT_SECONDS = 2;

    @Parameters(paramLabel = "URI", description = "The store.")
    String uri;

    @Option(names = "--after", paramLabel = "CP", defaultValue = "0",
            description = "Start after this checkpoint (default: the beginning).")
    long after;

    @Option(names = "--bucket", paramLabel = "B", description = "Only this bucket.")
    String bucket;

    @Option(names = "--follow", description = "Keep polling for new commits.")
    boolean follow;

    @Option(names = "--poll-millis", paramLabel = "MS", defaultValue = "500",
            description = "How long --follow waits after reaching the end (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Override
    public Integer call() {
        long last = requireCheckpoint(after, "--after");
        Thread worker = Thread.currentThread();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: the JVM exits (with 130) once its hooks return, so this one stops the loop and waits until
        // the commit being printed is whole and flushed and the engine closed; the bound covers a stuck read.
        Thread stopper = new Thread(() -> {
            stopping.set(true);
            worker.interrupt();
            try {
                stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jeventstore-tail-stop");
        if (follow) {
            Runtime.getRuntime().addShutdownHook(stopper);
        }
        try (PersistenceEngine engine = open(uri)) {
            do {
                last = printAfter(engine, last);
                out().flush();
            } while (follow && pause());
        } catch (RuntimeException e) {
            // a read cut short by the interrupt is how a follow ends, not a failure
            if (!stopping.get()) {
                throw e;
            }
        } finally {
            out().flush();
            stopped.countDown();
            if (follow) {
                removeHook(stopper);
            }
        }
        return 0;
    }

    private long printAfter(PersistenceEngine engine, long checkpoint) {
        long last = checkpoint;
        try (Each<CommitRecord> feed = Each.feed(engine, bucket, checkpoint)) {
            for (CommitRecord commit : feed) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                if (json) {
                    printJson(Commits.toJson(commit));
                } else {
                    Commits.print(out(), commit);
                }
                last = commit.checkpoint();
            }
        }
        return last;
    }

    /** Waits before the next poll; {@code false} once interrupted, which ends a follow cleanly. */
    private boolean pause() {
        try {
            Thread.sleep(pollMillis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it is what stopped the loop.
        }
    }
}
