package org.jeventstore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jeventstore.ConcurrencyException;
import org.jeventstore.DuplicateCommitException;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.SnapshotRecord;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.spi.StreamKey;
import org.jeventstore.spi.StreamRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "copy", description = {"Copies a store into another, of any engine; resumable.",
        "Copies every commit in checkpoint order, byte for byte: bucket, stream, commitId, sequence, revisions, "
                + "stamp, headers and payloads. The target gives its own checkpoints.",
        "Resumable: progress is a position in the target (jeventstore-copy/<hash of the source>); a commit already "
                + "in the target (same commitId) is recognised and skipped. Ends by comparing every stream of the "
                + "source with the target, commit by commit; exits with 1 on any difference."})
final class CopyCommand extends StoreCommand {

    static final String POSITION_PREFIX = "jeventstore-copy/";

    @Parameters(index = "0", paramLabel = "FROM_URI", description = "The source store.")
    String from;

    @Parameters(index = "1", paramLabel = "TO_URI", description = "The target store.")
    String to;

    @Option(names = "--bucket", paramLabel = "B", description = "Only this bucket.")
    String bucket;

    @Option(names = "--after", paramLabel = "CP", defaultValue = "0",
            description = "Copy only source commits after this checkpoint; the final check is then skipped.")
    long after;

    @Option(names = "--snapshots", description = "Also copy the latest snapshot of every stream.")
    boolean snapshots;

    @Option(names = "--positions", description = "Also copy the positions (without their leases).")
    boolean positions;

    @Option(names = "--save-every", paramLabel = "N", defaultValue = "1000",
            description = "Store the copy's progress every N commits (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(names = "--check", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Compare source and target stream by stream at the end (default: on).")
    boolean check;

    private long differences;

    @Override
    public Integer call() {
        requireCheckpoint(after, "--after");
        if (saveEvery < 1) {
            throw new IllegalArgumentException("--save-every must be 1 or more: " + saveEvery);
        }
        try (PersistenceEngine source = open(from); PersistenceEngine target = open(to)) {
            String positionName = positionName();
            long saved = target.positions().get(positionName).map(Position::checkpoint).orElse(0L);
            long start = Math.max(after, saved);
            if (saved > 0) {
                err().println("resuming after source checkpoint " + saved + " (" + positionName + ")");
            }
            // the store's last checkpoint bounds a bucket's too: the progress total is an upper bound anyway
            long last = source.lastCheckpoint();
            Counts counts = copyCommits(source, target, positionName, start, last);
            if (snapshots) {
                counts.snapshots = copySnapshots(source, target);
            }
            if (positions) {
                counts.positions = copyPositions(source, target);
            }
            summary(counts);
            if (check && after == 0) {
                check(source, target);
            } else {
                err().println("check skipped");
            }
        }
        return differences == 0 ? 0 : JEventStoreCommand.FINDINGS;
    }

    /** Names the copy by its source, so that a copy run again resumes and two sources do not mix. */
    private String positionName() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (StoreUri.mask(from) + "\n" + (bucket == null ? "" : bucket)).getBytes(StandardCharsets.UTF_8));
            return POSITION_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private Counts copyCommits(PersistenceEngine source, PersistenceEngine target, String positionName, long start,
                               long last) {
        Counts counts = new Counts();
        long checkpoint = start;
        long unsaved = 0;
        try (Progress progress = Progress.start(err(), start, last);
             Each<CommitRecord> feed = Each.feed(source, bucket, start)) {
            for (CommitRecord commit : feed) {
                try {
                    target.commit(commit.attempt());
                    counts.copied++;
                } catch (DuplicateCommitException e) {
                    counts.present++;
                } catch (ConcurrencyException e) {
                    counts.conflicts++;
                    differences++;
                    report("conflict", commit.bucketId() + "/" + commit.streamId(), "commit " + commit.commitId()
                            + " (source checkpoint " + commit.checkpoint() + ") not copied: " + e.getMessage());
                }
                checkpoint = commit.checkpoint();
                if (++unsaved >= saveEvery) {
                    target.positions().put(new Position(positionName, checkpoint));
                    unsaved = 0;
                }
                progress.step(checkpoint, counts.copied + counts.present + counts.conflicts);
            }
        }
        if (checkpoint > start) {
            target.positions().put(new Position(positionName, checkpoint));
        }
        counts.seconds = (System.nanoTime() - counts.started) / 1e9;
        return counts;
    }

    private long copySnapshots(PersistenceEngine source, PersistenceEngine target) {
        long copied = 0;
        for (String b : buckets(source)) {
            try (Each<StreamHead> heads = Each.of(source.snapshots().streamsToSnapshot(b, 0))) {
                for (StreamHead head : heads) {
                    if (head.snapshotRevision() == 0) {
                        continue;
                    }
                    Optional<SnapshotRecord> snapshot = source.snapshots()
                            .latest(new StreamKey(head.bucketId(), head.streamId()), Long.MAX_VALUE);
                    if (snapshot.isPresent() && target.snapshots().add(snapshot.get())) {
                        copied++;
                    }
                }
            }
        }
        return copied;
    }

    private static long copyPositions(PersistenceEngine source, PersistenceEngine target) {
        long copied = 0;
        try (Each<Position> all = Each.of(source.positions().list(""))) {
            for (Position position : all) {
                if (!position.name().startsWith(POSITION_PREFIX)) {
                    // A lease names a process of the source's deployment: the target starts unleased.
                    target.positions().put(new Position(position.name(), position.checkpoint()));
                    copied++;
                }
            }
        }
        return copied;
    }

    private Set<String> buckets(PersistenceEngine source) {
        return bucket != null ? Set.of(bucket) : Buckets.of(source);
    }

    /**
     * Every stream of the source against the same stream of the target, commit by commit (every field, bytes
     * included); then the target's streams the source does not have, which are allowed and only counted.
     */
    private void check(PersistenceEngine source, PersistenceEngine target) {
        long streams = 0;
        long others = 0;
        Set<String> buckets = buckets(source);
        for (String b : buckets) {
            try (Each<StreamHead> heads = Each.of(source.snapshots().streamsToSnapshot(b, 0))) {
                for (StreamHead head : heads) {
                    compare(source, target, StreamRange.all(head.bucketId(), head.streamId()));
                    streams++;
                }
            }
            try (Each<StreamHead> heads = Each.of(target.snapshots().streamsToSnapshot(b, 0))) {
                for (StreamHead head : heads) {
                    try (Stream<CommitRecord> commits = source.readStream(
                            StreamRange.all(head.bucketId(), head.streamId()))) {
                        if (commits.findFirst().isEmpty()) {
                            others++;
                        }
                    }
                }
            }
        }
        if (json) {
            ObjectNode node = object();
            node.put("checkedStreams", streams);
            node.put("otherTargetStreams", others);
            node.put("differences", differences);
            printJson(node);
        } else {
            out().printf("check: %d streams compared, %d differences; the target holds %d other streams%n",
                    streams, differences, others);
        }
    }

    private void compare(PersistenceEngine source, PersistenceEngine target, StreamRange range) {
        long inSource = 0;
        long inTarget = 0;
        long unequal = 0;
        try (Stream<CommitRecord> s = source.readStream(range); Stream<CommitRecord> t = target.readStream(range)) {
            Iterator<CommitRecord> left = s.iterator();
            Iterator<CommitRecord> right = t.iterator();
            while (left.hasNext() || right.hasNext()) {
                CommitRecord l = left.hasNext() ? left.next() : null;
                CommitRecord r = right.hasNext() ? right.next() : null;
                inSource += l == null ? 0 : 1;
                inTarget += r == null ? 0 : 1;
                if (l != null && r != null && !l.attempt().equals(r.attempt())) {
                    unequal++;
                }
            }
        }
        if (inSource != inTarget || unequal > 0) {
            differences++;
            report("difference", range.bucketId() + "/" + range.streamId(), inSource + " commits in the source, "
                    + inTarget + " in the target" + (unequal > 0 ? ", " + unequal + " not equal" : ""));
        }
    }

    private void summary(Counts counts) {
        double rate = counts.seconds > 0 ? (counts.copied + counts.present) / counts.seconds : 0;
        if (json) {
            ObjectNode node = object();
            node.put("copied", counts.copied);
            node.put("alreadyPresent", counts.present);
            node.put("conflicts", counts.conflicts);
            node.put("snapshots", counts.snapshots);
            node.put("positions", counts.positions);
            node.put("seconds", counts.seconds);
            node.put("commitsPerSecond", Math.round(rate));
            printJson(node);
        } else {
            out().printf("copied %d commits (%d already in the target, %d conflicts), %d snapshots, %d positions "
                            + "in %.1f s (%d commits/s)%n", counts.copied, counts.present, counts.conflicts,
                    counts.snapshots, counts.positions, counts.seconds, Math.round(rate));
        }
    }

    private void report(String kind, String stream, String message) {
        if (json) {
            ObjectNode node = object();
            node.put("finding", kind);
            node.put("stream", stream);
            node.put("message", message);
            printJson(node);
        } else {
            out().printf("%-12s %s: %s%n", kind, Printable.of(stream), Printable.of(message));
        }
    }

    private static final class Counts {
        final long started = System.nanoTime();
        long copied;
        long present;
        long conflicts;
        long snapshots;
        long positions;
        double seconds;
    }
}
