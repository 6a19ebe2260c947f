package org.jeventstore.examples.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.spring.boot.autoconfigure.EventStoreDispatcher;
import org.jeventstore.subscription.CommitHandler;
import org.springframework.stereotype.Component;

/**
 * The dispatcher: every commit reaches it at least once, across restarts, from the position stored in the
 * engine. It "mails" a confirmation for each checked-out cart; a real one would send through a mail service,
 * using the commit id to send each mail once.
 */
@Component
@EventStoreDispatcher
public class OrderMails implements CommitHandler {

    private static final System.Logger LOG = System.getLogger(OrderMails.class.getName());

    private final List<Long> delivered = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Commit commit) {
        for (EventMessage event : commit.events()) {
            if (event.body() instanceof CartCheckedOut checkedOut) {
                sent.add(checkedOut.email() + ": your order " + commit.streamId() + " is on its way");
                LOG.log(System.Logger.Level.INFO, "Mailed {0} for {1}", checkedOut.email(), commit.streamId());
            }
        }
        delivered.add(commit.checkpoint());
    }

    /** The checkpoints delivered to this instance, in order. */
    public List<Long> delivered() {
        return List.copyOf(delivered);
    }

    /** The mails sent by this instance. */
    public List<String> sent() {
        return List.copyOf(sent);
    }
}
