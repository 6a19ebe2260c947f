package org.jeventstore.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AsyncRunnerTest {

    @Test
    void aCallAfterTheOwnPoolShutDownIsRefusedAsTheClosedStoreWould() {
        AsyncRunner runner = AsyncRunner.ownPool();
        runner.close();
        assertThrows(IllegalStateException.class, () -> runner.supply(() -> "late"));
    }
}
