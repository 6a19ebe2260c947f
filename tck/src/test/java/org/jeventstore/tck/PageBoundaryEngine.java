package org.jeventstore.tck;

import java.util.List;
import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.FeedRange;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StreamRange;

/**
 * Defect: stream and feed reads start each page at the last item of the previous one (an inclusive bound where
 * an exclusive one is needed), so the item at every page boundary is read twice.
 */
class PageBoundaryEngine extends ForwardingEngine {

    private final int pageSize;

    PageBoundaryEngine(EngineOptions options) {
        super(new ReferenceEngine(options));
        this.pageSize = options.pageSize();
    }

    private List<CommitRecord> firstPage(Stream<CommitRecord> read) {
        try (read) {
            return read.limit(pageSize).toList();
        }
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        return Pages.stream(pageSize, last -> firstPage(super.readStream(last == null ? range
                : new StreamRange(range.bucketId(), range.streamId(), last.streamRevision(), range.maxRevision()))));
    }

    @Override
    public Stream<CommitRecord> readFeed(FeedRange range) {
        return Pages.stream(pageSize, last -> firstPage(super.readFeed(last == null ? range
                : new FeedRange(range.bucketId(), last.checkpoint() - 1, range.toCheckpoint()))));
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new PageBoundaryEngine(options);
        }
    }
}
