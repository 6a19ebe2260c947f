package org.jeventstore.spi;

/**
 * Settings every engine honours, whatever its URI says.
 *
 * @param pageSize how many commits, snapshots or stream heads an engine fetches per round trip when it
 *                 pages through a read; the TCK runs with 2 to exercise paging everywhere
 */
public record EngineOptions(int pageSize) {

    /** The page size used unless another is chosen. */
    public static final int DEFAULT_PAGE_SIZE = 128;

    public EngineOptions {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be 1 or more: " + pageSize);
        }
    }

    /** The default options. */
    public static EngineOptions defaults() {
        return new EngineOptions(DEFAULT_PAGE_SIZE);
    }

    /** These options with another page size. */
    public EngineOptions withPageSize(int pageSize) {
        return new EngineOptions(pageSize);
    }
}
