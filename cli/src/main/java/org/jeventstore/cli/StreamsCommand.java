package org.jeventstore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.jeventstore.StreamHead;
import org.jeventstore.spi.PersistenceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "streams", description = {"The streams of a bucket, with head and snapshot revisions.",
        "Without --bucket, the buckets are found by reading the whole feed (no engine lists them)."})
final class StreamsCommand extends StoreCommand {

    @Parameters(paramLabel = "URI", description = "The store.")
    String uri;

    @Option(names = "--bucket", paramLabel = "B", description = "Only this bucket.")
    String bucket;

    @Override
    public Integer call() {
        try (PersistenceEngine engine = open(uri)) {
            Iterable<String> buckets = bucket != null ? Set.of(bucket) : Buckets.of(engine);
            if (!json) {
                out().printf("%-20s %-40s %12s %12s%n", "BUCKET", "STREAM", "HEAD", "SNAPSHOT");
            }
            for (String b : buckets) {
                // Every stream is at least 0 revisions past its latest snapshot: threshold 0 lists them all.
                try (Each<StreamHead> heads = Each.of(engine.snapshots().streamsToSnapshot(b, 0))) {
                    for (StreamHead head : heads) {
                        print(head);
                    }
                }
            }
        }
        return 0;
    }

    private void print(StreamHead head) {
        if (json) {
            ObjectNode node = object();
            node.put("bucket", head.bucketId());
            node.put("stream", head.streamId());
            node.put("headRevision", head.headRevision());
            node.put("snapshotRevision", head.snapshotRevision());
            printJson(node);
        } else {
            out().printf("%-20s %-40s %12d %12d%n", Printable.of(head.bucketId()), Printable.of(head.streamId()),
                    head.headRevision(),
                    head.snapshotRevision());
        }
    }
}
