package org.jeventstore.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.Payload;
import org.jeventstore.spi.PersistenceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "generate", description = {"Writes sample commits, to try the other commands or measure a copy.",
        "Streams are named <prefix>-<n>; without --stream-prefix each run writes new ones (gen-<run>-<n>)."})
final class GenerateCommand extends StoreCommand {

    private static final byte[] NO_HEADERS = "{}".getBytes(StandardCharsets.UTF_8);

    @Parameters(paramLabel = "URI", description = "The store to write to.")
    String uri;

    @Option(names = "--commits", paramLabel = "N", defaultValue = "100", description = "Commits to write (default: ${DEFAULT-VALUE}).")
    int commits;

    @Option(names = "--streams", paramLabel = "M", defaultValue = "10", description = "Streams to spread them over (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--bucket", paramLabel = "B", defaultValue = "default", description = "The bucket (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--stream-prefix", paramLabel = "P", description = "Name the streams P-0, P-1, ...")
    String streamPrefix;

    @Override
    public Integer call() {
        if (commits < 0 || streams < 1) {
            throw new IllegalArgumentException("--commits must be 0 or more and --streams 1 or more");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = streamPrefix != null ? streamPrefix : "gen-" + run;
        long[] sequences = new long[streams];
        try (PersistenceEngine engine = open(uri)) {
            for (int i = 0; i < commits; i++) {
                int stream = i % streams;
                long sequence = ++sequences[stream];
                byte[] body = ("{\"item\":\"sku-" + i + "\",\"quantity\":" + (i % 7 + 1) + "}")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] headers = ("{\"generatedBy\":\"jeventstore\",\"run\":\"" + run + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                engine.commit(new CommitAttempt(bucket, prefix + "-" + stream, sequence, UUID.randomUUID(),
                        sequence, Instant.now(), headers,
                        List.of(new EventRecord(NO_HEADERS, new Payload("ItemAdded", Payload.JSON, body)))));
            }
        }
        out().printf("wrote %d commits to %d streams %s-* in bucket %s%n", commits, Math.min(streams, commits),
                prefix, bucket);
        return 0;
    }
}
