package org.jeventstore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagesTest {

    /** Pages of the integers 1..count after a given one. */
    private static Function<Integer, List<Integer>> numbers(int count, int pageSize, AtomicInteger fetches) {
        return last -> {
            fetches.incrementAndGet();
            int from = last == null ? 1 : last + 1;
            List<Integer> page = new ArrayList<>();
            for (int i = from; i <= count && page.size() < pageSize; i++) {
                page.add(i);
            }
            return page;
        };
    }

    @Test
    void streamsEveryItemInOrderAcrossPages() {
        AtomicInteger fetches = new AtomicInteger();
        assertEquals(IntStream.rangeClosed(1, 7).boxed().toList(),
                Pages.stream(2, numbers(7, 2, fetches)).toList());
        assertEquals(4, fetches.get(), "three full pages and a short one");
    }

    @Test
    void anEmptyPageEndsTheStreamWhenTheLastPageWasFull() {
        AtomicInteger fetches = new AtomicInteger();
        assertEquals(6, Pages.stream(2, numbers(6, 2, fetches)).count());
        assertEquals(4, fetches.get());
    }

    @Test
    void fetchesLazilyOnlyThePagesConsumed() {
        AtomicInteger fetches = new AtomicInteger();
        var stream = Pages.stream(2, numbers(1_000_000, 2, fetches));
        assertEquals(0, fetches.get());
        assertEquals(List.of(1, 2, 3), stream.limit(3).toList());
        assertEquals(2, fetches.get());
    }

    @Test
    void aPageAboveThePageSizeIsAnEngineBug() {
        AtomicInteger fetches = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> Pages.stream(2, numbers(10, 3, fetches)).toList());
    }
}
