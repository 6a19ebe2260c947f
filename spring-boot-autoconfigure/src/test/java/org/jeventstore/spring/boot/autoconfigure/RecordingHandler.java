package org.jeventstore.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jeventstore.Commit;
import org.jeventstore.subscription.CommitHandler;

/** Records the checkpoints it handled; can be made to fail, or to block until released. */
class RecordingHandler implements CommitHandler {

    final List<Long> handled = new CopyOnWriteArrayList<>();
    volatile boolean failing;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public void handle(Commit commit) throws Exception {
        if (!gate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate not opened");
        }
        if (failing) {
            throw new IllegalStateException("handler refuses checkpoint " + commit.checkpoint());
        }
        handled.add(commit.checkpoint());
    }

    void block() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }
}
