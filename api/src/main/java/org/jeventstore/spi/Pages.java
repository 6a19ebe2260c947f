package org.jeventstore.spi;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a "fetch the page after this item" function into a lazy stream, for engines whose backend pages by
 * key: only one page is held at a time, and the next is fetched when the current one is consumed.
 */
public final class Pages {

    private Pages() {
    }

    /**
     * A lazy, ordered stream of every item.
     *
     * @param pageSize the page size the fetcher uses; a shorter page ends the stream without another fetch
     * @param fetcher  given the last item of the previous page ({@code null} for the first page), returns the
     *                 next page of at most {@code pageSize} items
     */
    public static <T> Stream<T> stream(int pageSize, Function<T, List<T>> fetcher) {
        Iterator<T> items = new Iterator<>() {
            private List<T> page = List.of();
            private int index;
            private T last;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (index < page.size()) {
                    return true;
                }
                if (exhausted) {
                    return false;
                }
                page = List.copyOf(fetcher.apply(last));
                index = 0;
                if (page.size() > pageSize) {
                    throw new IllegalStateException("page of " + page.size() + " is above the page size " + pageSize);
                }
                exhausted = page.size() < pageSize;
                return !page.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = page.get(index++);
                return last;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
