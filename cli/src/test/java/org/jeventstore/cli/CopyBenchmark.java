package org.jeventstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jeventstore.spi.PersistenceEngine;

/**
 * The copy's own rate (its final check excluded), from a memory store of generated commits to memory and to
 * SQLite, in this one JVM (a memory store lives as long as an engine over it is open). Not a test: run it with
 * the shaded jar and the test classes, holding the build lock so that nothing runs beside it:
 *
 * <pre>
 * java -Xmx1g -cp cli/target/jeventstore.jar:cli/target/test-classes org.jeventstore.cli.CopyBenchmark 200000
 * </pre>
 */
public final class CopyBenchmark {

    private CopyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String source = Cli.uniqueMemoryUri();
        String memory = Cli.uniqueMemoryUri();
        try (PersistenceEngine keepSource = TestStores.open(source);
             PersistenceEngine keepTarget = TestStores.open(memory)) {
            Cli.Result generated = Cli.run("generate", source, "--commits", Integer.toString(commits),
                    "--streams", "1000", "--stream-prefix", "s");
            System.out.print(generated.out());
            // the first copy pays for class loading and JIT: reported apart, as a cold start
            String warmUp = Cli.uniqueMemoryUri();
            try (PersistenceEngine keepWarmUp = TestStores.open(warmUp)) {
                report("memory -> memory, cold", Cli.run("copy", source, warmUp, "--no-check", "--json"));
            }
            report("memory -> memory", Cli.run("copy", source, memory, "--no-check", "--json"));
            report("memory -> SQLite (synchronous=FULL, the default)",
                    Cli.run("copy", source, TestStores.sqliteUri(), "--no-check", "--json"));
            report("memory -> SQLite (synchronous=NORMAL)",
                    Cli.run("copy", source, TestStores.sqliteUri() + "?synchronous=NORMAL", "--no-check", "--json"));
        }
    }

    private static void report(String what, Cli.Result result) throws Exception {
        if (result.exitCode() != 0) {
            throw new IllegalStateException(what + " failed: " + result.err());
        }
        JsonNode summary = new ObjectMapper().readTree(result.out().lines().findFirst().orElseThrow());
        System.out.printf("%-50s %,d commits in %.1f s: %,d commits/s%n", what, summary.get("copied").asLong(),
                summary.get("seconds").asDouble(), summary.get("commitsPerSecond").asLong());
    }
}
