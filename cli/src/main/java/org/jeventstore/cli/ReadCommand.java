package org.jeventstore.cli;

import org.jeventstore.StreamNotFoundException;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StreamRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "read", description = "The commits of one stream, headers and bodies as stored.")
final class ReadCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "URI", description = "The store.")
    String uri;

    @Parameters(index = "1", paramLabel = "STREAM", description = "The stream id.")
    String stream;

    @Option(names = "--bucket", paramLabel = "B", defaultValue = "default",
            description = "The stream's bucket (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--from", paramLabel = "REV", defaultValue = "0", description = "Lowest revision, inclusive.")
    long from;

    @Option(names = "--to", paramLabel = "REV", defaultValue = "" + Long.MAX_VALUE,
            description = "Highest revision, inclusive.")
    long to;

    @Override
    public Integer call() {
        StreamRange range = new StreamRange(bucket, stream, from, to);
        int count = 0;
        try (PersistenceEngine engine = open(uri); Each<CommitRecord> commits = Each.of(engine.readStream(range))) {
            for (CommitRecord commit : commits) {
                count++;
                if (json) {
                    printJson(Commits.toJson(commit));
                } else {
                    Commits.print(out(), commit);
                }
            }
        }
        if (count == 0) {
            throw new StreamNotFoundException("No commits in stream " + bucket + "/" + stream
                    + (from > 1 || to < Long.MAX_VALUE ? " between revisions " + from + " and " + to : ""));
        }
        return 0;
    }
}
