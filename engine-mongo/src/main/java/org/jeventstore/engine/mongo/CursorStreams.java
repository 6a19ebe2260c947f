package org.jeventstore.engine.mongo;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCursor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.BsonDocument;

/**
 * A lazy stream over a driver cursor: the query runs when the first item is wanted, each batch of {@code pageSize}
 * documents is one round trip ({@code find}, then {@code getMore}), and only one batch is held at a time. Closing
 * the stream closes the cursor. One cursor instead of a new query per page spares the server from finding the
 * start of every page again.
 */
final class CursorStreams {

    private CursorStreams() {
    }

    static <T> Stream<T> stream(FindIterable<BsonDocument> find, int pageSize, Function<BsonDocument, T> decode,
                                String store, Runnable ensureOpen) {
        CursorIterator<T> items = new CursorIterator<>(find.batchSize(pageSize), decode, store, ensureOpen);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(items::close);
    }

    private static final class CursorIterator<T> implements Iterator<T> {
        private final FindIterable<BsonDocument> find;
        private final Function<BsonDocument, T> decode;
        private final String store;
        private final Runnable ensureOpen;
        private MongoCursor<BsonDocument> cursor;
        private boolean closed;

        CursorIterator(FindIterable<BsonDocument> find, Function<BsonDocument, T> decode, String store,
                       Runnable ensureOpen) {
            this.find = find;
            this.decode = decode;
            this.store = store;
            this.ensureOpen = ensureOpen;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            ensureOpen.run();
            return Failures.call("read", store, () -> {
                if (cursor == null) {
                    cursor = find.cursor();
                }
                return cursor.hasNext();
            });
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return decode.apply(Failures.call("read", store, cursor::next));
        }

        void close() {
            closed = true;
            if (cursor != null) {
                cursor.close();
            }
        }
    }
}
