package org.jeventstore.tck;

import java.util.stream.Stream;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StreamRange;

/** Defect: stream reads ignore maxRevision and read to the end of the stream. */
class IgnoredMaxRevisionEngine extends ForwardingEngine {

    IgnoredMaxRevisionEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public Stream<CommitRecord> readStream(StreamRange range) {
        return super.readStream(new StreamRange(range.bucketId(), range.streamId(), range.minRevision(),
                Long.MAX_VALUE));
    }

    static class Kit extends BrokenKit {
        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            return new IgnoredMaxRevisionEngine(new ReferenceEngine(options));
        }
    }
}
