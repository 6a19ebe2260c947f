package org.jeventstore.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jeventstore.EventStore;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void theDemoTellsTheWholeStoryOnMemory() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InProcessBus bus = new InProcessBus();
        try (EventStore store = Demo.open("memory:", bus)) {
            new Demo(store, bus, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("bob's commit was refused"), output);
        assertTrue(output.contains("delivery 2: recognised as a duplicate"), output);
        assertTrue(output.contains("reopened from the snapshot: read 1 later event(s)"), output);
        assertTrue(output.contains("read back as: ItemAdded[sku=sku-melon, quantity=1]"), output);
        assertTrue(output.contains("checkpoint 6:"), output);
        assertTrue(output.contains("caught up to checkpoint 6"), output);
        assertTrue(output.contains("now holds 15 items"), output);
        assertTrue(output.contains("published checkpoints: [1, 2, 3, 4, 5, 6, 7]"), output);
    }
}
