package org.jeventstore.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A copy's progress in source checkpoints: a bar with rate and ETA on a terminal, a plain line every few seconds
 * otherwise (a log, a pipe, a test). Checkpoints may have gaps, so the total is an upper bound.
 */
abstract class Progress implements AutoCloseable {

    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    static Progress start(PrintWriter err, long start, long last) {
        return System.console() != null ? new Bar(start, last) : new Log(err, start, last);
    }

    abstract void step(long checkpoint, long commits);

    @Override
    public abstract void close();

    private static final class Bar extends Progress {
        private final ProgressBar bar;
        private final long start;

        Bar(long start, long last) {
            this.start = start;
            this.bar = new ProgressBarBuilder().setTaskName("copy").setInitialMax(Math.max(0, last - start))
                    .setUnit(" checkpoints", 1).showSpeed().build();
        }

        @Override
        void step(long checkpoint, long commits) {
            bar.stepTo(checkpoint - start);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Log extends Progress {
        private final PrintWriter err;
        private final long last;
        private final long started = System.nanoTime();
        private long logged = started;

        Log(PrintWriter err, long start, long last) {
            this.err = err;
            this.last = last;
        }

        @Override
        void step(long checkpoint, long commits) {
            long now = System.nanoTime();
            if (now - logged >= LOG_EVERY_NANOS) {
                logged = now;
                err.printf("copy: %d commits, at checkpoint %d of %d, %d commits/s%n", commits, checkpoint, last,
                        Math.round(commits / ((now - started) / 1e9)));
                err.flush();
            }
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
