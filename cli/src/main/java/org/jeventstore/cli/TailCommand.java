package org.jeventstore.cli;

import java.util.Iterator;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.PersistenceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tail", description = {"The store-wide feed in checkpoint order.",
        "With --follow, goes on printing new commits as they arrive until interrupted (Ctrl-C)."})
final class TailCommand extends StoreCommand {

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
        try (PersistenceEngine engine = open(uri)) {
            Thread worker = Thread.currentThread();
            Thread stopper = new Thread(() -> {
                worker.interrupt();
                try {
                    worker.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            if (follow) {
                Runtime.getRuntime().addShutdownHook(stopper);
            }
            try {
                do {
                    last = printAfter(engine, last);
                    out().flush();
                } while (follow && pause());
            } finally {
                if (follow) {
                    removeHook(stopper);
                }
            }
        }
        return 0;
    }

    private long printAfter(PersistenceEngine engine, long checkpoint) {
        long last = checkpoint;
        try (Stream<CommitRecord> feed = engine.readFeed(new FeedRange(bucket, checkpoint, Long.MAX_VALUE))) {
            Iterator<CommitRecord> it = feed.iterator();
            while (it.hasNext() && !Thread.currentThread().isInterrupted()) {
                CommitRecord commit = it.next();
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
