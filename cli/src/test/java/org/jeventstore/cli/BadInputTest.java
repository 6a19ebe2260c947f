package org.jeventstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is refused with exit code 2 and a message saying what is wrong, before anything is written: the cases of issue
 * 13 not already covered by {@link CommandsTest} and {@link CopyCommandTest}.
 */
class BadInputTest {

    private static final String SOURCE = "memory:cli-bad-input-source";
    private static final String TARGET = "memory:cli-bad-input-target";

    private PersistenceEngine source;
    private PersistenceEngine target;

    @BeforeEach
    void openStores() {
        source = TestStores.open(SOURCE);
        target = TestStores.open(TARGET);
        TestStores.fill(source, 2);
    }

    @AfterEach
    void dropStores() {
        source.drop();
        target.drop();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(List.of("copy", SOURCE, "no-scheme"), "URI"),
                Arguments.of(List.of("copy", "no-scheme", TARGET), "URI"),
                Arguments.of(List.of("copy", SOURCE, "bogus://admin:hunter2@host/db"), "No engine for bogus://"),
                Arguments.of(List.of("copy", SOURCE, TARGET, "--after=-1"), "--after must be a checkpoint"),
                Arguments.of(List.of("copy", SOURCE, TARGET, "--save-every", "0"), "--save-every must be 1 or more"),
                Arguments.of(List.of("read", SOURCE, "cart-1", "--from", "5", "--to", "2"), "5"),
                Arguments.of(List.of("positions", "set", TARGET, "billing", "ten"), "CHECKPOINT"),
                Arguments.of(List.of("generate", TARGET, "--commits=-1"), "--commits must be 0 or more"),
                Arguments.of(List.of("vacuum", TARGET), "vacuum"),
                Arguments.of(List.of(), "Missing command"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void isRefusedAsBadInputAndNothingIsWritten(List<String> args, String said) {
        Cli.Result result = Cli.run(args.toArray(String[]::new));

        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains(said), result.err());
        assertFalse(result.err().contains("hunter2"), result.err());
        assertEquals(List.of(), TestStores.feed(target), "the target was written to");
        try (Stream<Position> positions = target.positions().list("")) {
            assertEquals(0, positions.count(), "positions written to the target");
        }
    }

    @Test
    void aCopyFromAMalformedUriCreatesNoTargetFile() {
        String sqlite = TestStores.sqliteUri();

        Cli.Result result = Cli.run("copy", "no-scheme", sqlite);

        assertEquals(2, result.exitCode(), result.err());
        assertFalse(Files.exists(Path.of(sqlite.substring("jdbc:sqlite:".length()))), sqlite + " was created");
    }
}
