package org.jeventstore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StreamRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", description = {"Checks the whole store; exits with 1 on any finding.",
        "Reports checkpoints not "
        + "increasing, a stream whose sequences or revisions are not contiguous, a commitId twice in one stream, "
        + "a commit that cannot be decoded, a stream head that disagrees with its commits.",
})
final class VerifyCommand extends StoreCommand {

    @Parameters(paramLabel = "URI", description = "The store.")
    String uri;

    @Option(names = "--bucket", paramLabel = "B", description = "Only this bucket.")
    String bucket;

    private long findings;

    @Override
    public Integer call() {
        long commits = 0;
        long streams = 0;
        try (PersistenceEngine engine = open(uri)) {
            Set<String> buckets = new TreeSet<>();
            commits = verifyFeed(engine, buckets);
            if (bucket != null) {
                buckets = Set.of(bucket);
            }
            for (String b : buckets) {
                try (Each<StreamHead> heads = Each.of(engine.snapshots().streamsToSnapshot(b, 0))) {
                    for (StreamHead head : heads) {
                        verifyStream(engine, head);
                        streams++;
                    }
                }
            }
        }
        if (json) {
            ObjectNode node = object();
            node.put("commits", commits);
            node.put("streams", streams);
            node.put("findings", findings);
            printJson(node);
        } else {
            out().printf("%d commits in %d streams checked: %s%n", commits, streams,
                    findings == 0 ? "no findings" : findings + " finding" + (findings == 1 ? "" : "s"));
        }
        return findings == 0 ? 0 : JEventStoreCommand.FINDINGS;
    }

    private long verifyFeed(PersistenceEngine engine, Set<String> buckets) {
        long count = 0;
        long previous = 0;
        try (Each<CommitRecord> feed = Each.feed(engine, bucket, 0)) {
            for (CommitRecord commit : feed) {
                count++;
                buckets.add(commit.bucketId());
                if (commit.checkpoint() <= previous) {
                    report("checkpoint-order", commit, "checkpoint " + commit.checkpoint() + " follows " + previous);
                }
                previous = Math.max(previous, commit.checkpoint());
                Optional<String> undecodable = Commits.undecodable(commit);
                undecodable.ifPresent(why -> report("undecodable", commit, why));
            }
        } catch (RuntimeException e) {
            report("unreadable", null, "the feed cannot be read after checkpoint " + previous + ": " + e.getMessage());
        }
        return count;
    }

    private void verifyStream(PersistenceEngine engine, StreamHead head) {
        long sequence = 0;
        long revision = 0;
        Set<UUID> commitIds = new HashSet<>();
        StreamRange stream = StreamRange.all(head.bucketId(), head.streamId());
        try (Each<CommitRecord> commits = Each.of(engine.readStream(stream))) {
            for (CommitRecord commit : commits) {
                if (commit.commitSequence() != sequence + 1) {
                    report("sequence", commit, "commit sequence " + commit.commitSequence() + " follows " + sequence);
                }
                if (commit.firstRevision() != revision + 1) {
                    report("revision", commit, "revisions " + commit.firstRevision() + ".." + commit.streamRevision()
                            + " follow revision " + revision);
                }
                if (!commitIds.add(commit.commitId())) {
                    report("duplicate-commit-id", commit, "commitId " + commit.commitId() + " is in the stream twice");
                }
                sequence = commit.commitSequence();
                revision = commit.streamRevision();
            }
        } catch (RuntimeException e) {
            report("unreadable", null, "stream " + head.bucketId() + "/" + head.streamId() + " cannot be read: "
                    + e.getMessage());
            return;
        }
        if (revision != head.headRevision()) {
            report("head", null, "stream " + head.bucketId() + "/" + head.streamId() + " has head revision "
                    + head.headRevision() + " but its commits end at " + revision);
        }
    }

    private void report(String kind, CommitRecord commit, String message) {
        findings++;
        if (json) {
            ObjectNode node = object();
            node.put("finding", kind);
            if (commit != null) {
                node.put("bucket", commit.bucketId());
                node.put("stream", commit.streamId());
                node.put("checkpoint", commit.checkpoint());
            }
            node.put("message", message);
            printJson(node);
        } else {
            out().printf("%-20s %s%s%n", kind, commit == null ? ""
                    : Printable.of(commit.bucketId() + "/" + commit.streamId()) + " @" + commit.checkpoint() + ": ",
                    Printable.of(message));
        }
    }
}
