package org.jeventstore.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The least a store of serialized events can do: a map of streams, a monitor per stream, Jackson outside the
 * lock, a revision check and an append. No ids, stamps, headers or checkpoints: what the store does beyond
 * this is what its ratio to the floor measures.
 */
final class RawFloor {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ConcurrentMap<String, Stream> streams = new ConcurrentHashMap<>();

    /** Appends {@code events} to {@code streamId} if it holds {@code expectedSize} events. */
    void append(String streamId, long expectedSize, List<?> events) {
        List<byte[]> bytes = new ArrayList<>(events.size());
        for (Object event : events) {
            bytes.add(serialize(event));
        }
        Stream stream = streams.computeIfAbsent(streamId, id -> new Stream());
        synchronized (stream) {
            if (stream.events.size() != expectedSize) {
                throw new IllegalStateException("stream " + streamId + " holds " + stream.events.size() + " events");
            }
            stream.events.addAll(bytes);
        }
    }

    /** Appends one event, as a single-event commit does. */
    void append(String streamId, long expectedSize, Object event) {
        byte[] bytes = serialize(event);
        Stream stream = streams.computeIfAbsent(streamId, id -> new Stream());
        synchronized (stream) {
            if (stream.events.size() != expectedSize) {
                throw new IllegalStateException("stream " + streamId + " holds " + stream.events.size() + " events");
            }
            stream.events.add(bytes);
        }
    }

    /** Every event of {@code streamId}, deserialized. */
    <T> List<T> read(String streamId, Class<T> type) {
        Stream stream = streams.get(streamId);
        List<byte[]> stored;
        synchronized (stream) {
            stored = new ArrayList<>(stream.events);
        }
        List<T> events = new ArrayList<>(stored.size());
        try {
            for (byte[] bytes : stored) {
                events.add(JSON.readValue(bytes, type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static byte[] serialize(Object event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Stream {
        final List<byte[]> events = new ArrayList<>();
    }
}
