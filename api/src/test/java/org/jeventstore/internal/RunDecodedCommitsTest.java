package org.jeventstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventSerializer;
import org.jeventstore.EventType;
import org.jeventstore.RawEvent;
import org.jeventstore.SerializationException;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.Payload;
import org.junit.jupiter.api.Test;

/** Commits decoded in runs are the commits decoded one by one, failing at the same commit with the same error. */
class RunDecodedCommitsTest {

    @EventType("test.item")
    record Item(String sku, int qty) {
    }

    @EventType("test.item.v1")
    record ItemV1(String sku) {
    }

    @EventType("test.note")
    record Note(String text, List<Object> values) {
    }

    /** Thrown by {@link Fragile}: an error, not an exception, as a failed assertion or a stack overflow is. */
    static final class Broken extends Error {
        Broken(String message) {
            super(message);
        }
    }

    /** Read by a deserializer of the user's, whose errors Jackson passes on (a creator's it wraps). */
    @EventType("test.fragile")
    @JsonDeserialize(using = Fragile.Reader.class)
    record Fragile(String sku) {
        static final class Reader extends JsonDeserializer<Fragile> {
            @Override
            public Fragile deserialize(JsonParser p, DeserializationContext context) throws IOException {
                String sku = p.readValueAs(Map.class).get("sku").toString();
                if (sku.contains("broken")) {
                    throw new Broken("cannot hold " + sku);
                }
                return new Fragile(sku);
            }
        }
    }

    /** A class whose initialization fails: its first use throws ExceptionInInitializerError, later ones not. */
    @EventType("test.uninitializable")
    record Uninitializable(String sku) {
        static final String PREFIX = prefix();

        private static String prefix() {
            throw new IllegalStateException("no prefix configured");
        }
    }

    private static final Instant STAMP = Instant.parse("2026-01-01T00:00:00Z");

    private static CommitCodec codec(EventSerializer serializer) {
        TypeRegistry types = new TypeRegistry();
        types.register(Item.class);
        types.register(ItemV1.class);
        types.register(Note.class);
        types.register(Fragile.class);
        types.register(Uninitializable.class);
        Map<Class<?>, Function<Object, Object>> upconverters = Map.of(ItemV1.class, v1 -> new Item(((ItemV1) v1).sku(), 1));
        return new CommitCodec(serializer, types, new Upconverters(upconverters));
    }

    private static RawEvent raw(String type, String json) {
        return new RawEvent(type, Payload.JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Commit {@code n} of {@code events}, stored through {@code codec} at checkpoint {@code n}. */
    private static CommitRecord record(CommitCodec codec, int n, List<EventMessage> events) {
        Commit commit = new Commit("b", "s", n * 10L, new UUID(0, n), n, STAMP,
                n % 3 == 0 ? Map.of("commit", n) : Map.of(), events, 0);
        return new CommitRecord(codec.toAttempt(commit), n);
    }

    /** Bodies of every kind the store reads: its types, old versions, unknown types, odd bytes under a known type. */
    private static List<CommitRecord> records(CommitCodec codec, int count) {
        List<CommitRecord> records = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            List<EventMessage> events = new ArrayList<>();
            for (int e = 0; e < 1 + n % 4; e++) {
                Object body = switch ((n + e) % 9) {
                    case 0 -> new ItemV1("old-" + n);
                    case 1 -> new Note("a\nnote \"" + n + "\"", List.of(n, "x", List.of(true)));
                    case 2 -> raw("unknown.type", "{\"n\":" + n + "}");
                    case 3 -> raw("test.item", " {\"sku\":\"leading space\",\"qty\":" + n + "}");
                    case 4 -> raw("test.item", "{\"sku\":\"trailing\",\"qty\":" + n + "} {}");
                    case 5 -> raw("test.note", "{\"text\":\"unknown property\",\"more\":[1,2],\"values\":[]}");
                    default -> new Item("sku-" + n, e);
                };
                events.add(e == 1 ? EventMessage.of(body, Map.of("event", e)) : EventMessage.of(body));
            }
            records.add(record(codec, n, events));
        }
        return records;
    }

    private static List<Commit> oneByOne(CommitCodec codec, List<CommitRecord> records) {
        return records.stream().map(codec::toCommit).toList();
    }

    private static List<Commit> inRuns(CommitCodec codec, List<CommitRecord> records) {
        try (Stream<Commit> commits = RunDecodedCommits.of(records.stream(), codec)) {
            return commits.toList();
        }
    }

    @Test
    void commitsDecodedInRunsAreThoseDecodedOneByOne() {
        CommitCodec codec = codec(EventSerializer.json());
        List<CommitRecord> records = records(codec, 700);

        List<Commit> expected = oneByOne(codec, records);

        assertEquals(expected, inRuns(codec, records));
        assertTrue(expected.stream().anyMatch(c -> c.events().stream().anyMatch(e -> e.body() instanceof RawEvent)));
        assertTrue(expected.stream().anyMatch(c -> c.events().stream().anyMatch(
                e -> e.body().equals(new Item("old-9", 1)))), "upconverted");
    }

    /** The bodies of the store's own types, as the store's serializer wrote them, are read in runs, not alone. */
    @Test
    void theStoresOwnBodiesAreReadInRuns() {
        CommitCodec codec = codec(EventSerializer.json());
        List<CommitRecord> records = new ArrayList<>();
        for (int n = 1; n <= 100; n++) {
            records.add(record(codec, n, List.of(EventMessage.of(new Item("sku-" + n, n)),
                    EventMessage.of(new Note("n", List.of(n))))));
        }

        Object[] bodies = codec.readBodies(records, 200);

        for (int n = 1; n <= 100; n++) {
            assertEquals(new Item("sku-" + n, n), bodies[2 * n - 2]);
            assertEquals(new Note("n", List.of(n)), bodies[2 * n - 1]);
        }
    }

    @Test
    void aSerializerOfTheUsersDecodesEachBodyAsBefore() {
        List<String> read = new ArrayList<>();
        EventSerializer json = EventSerializer.json();
        EventSerializer counting = new EventSerializer() {
            @Override
            public String contentType() {
                return json.contentType();
            }

            @Override
            public byte[] serialize(Object value) {
                return json.serialize(value);
            }

            @Override
            public <T> T deserialize(byte[] data, Class<T> type) {
                read.add(type.getSimpleName());
                return json.deserialize(data, type);
            }
        };
        CommitCodec codec = codec(counting);
        List<CommitRecord> records = records(codec, 50);
        List<Commit> expected = oneByOne(codec, records);
        int alone = read.size();

        assertEquals(expected, inRuns(codec, records));
        assertEquals(2 * alone, read.size(), "every body went through the user's serializer once more");
    }

    /** Bytes that cannot be read as their type fail at their commit, after the commits before it, as before. */
    @Test
    void aBodyThatCannotBeReadFailsAtItsCommitWithTheSameError() {
        CommitCodec codec = codec(EventSerializer.json());
        List<CommitRecord> records = new ArrayList<>(records(codec, 40));
        records.add(20, record(codec, 1_000, List.of(EventMessage.of(new Item("before", 1)),
                EventMessage.of(raw("test.item", "{\"sku\":\"bad\",\"qty\":\"not a number\"}")))));

        assertThrownAtItsCommit(codec, records, 20, SerializationException.class);
    }

    /** A body whose reading throws an error throws it at its commit, after the commits before it, as before. */
    @Test
    void aBodyWhoseReadingThrowsAnErrorThrowsItAtItsCommit() {
        CommitCodec codec = codec(EventSerializer.json());
        List<CommitRecord> records = new ArrayList<>(records(codec, 40));
        records.add(20, record(codec, 1_000, List.of(EventMessage.of(new Item("before", 1)),
                EventMessage.of(raw("test.fragile", "{\"sku\":\"broken-1\"}")))));
        records.add(30, record(codec, 1_001, List.of(EventMessage.of(raw("test.fragile", "{\"sku\":\"broken-2\"}")))));

        assertThrownAtItsCommit(codec, records, 20, Broken.class);
    }

    /**
     * Decoding {@code records} in runs throws what decoding record {@code at} alone throws, with its message, after
     * the commits before it, decoded as one by one.
     */
    private static <T extends Throwable> void assertThrownAtItsCommit(CommitCodec codec, List<CommitRecord> records,
                                                                      int at, Class<T> type) {
        T alone = assertThrows(type, () -> codec.toCommit(records.get(at)));

        List<Commit> seen = new ArrayList<>();
        T inRun;
        try (Stream<Commit> commits = RunDecodedCommits.of(records.stream(), codec)) {
            inRun = assertThrows(type, () -> commits.forEachOrdered(seen::add));
        }

        assertEquals(alone.getMessage(), inRun.getMessage());
        assertEquals(oneByOne(codec, records.subList(0, at)), seen);
    }

    /**
     * The first body of a class that fails to initialize throws ExceptionInInitializerError, as decoding it alone
     * first did; a second reading of it would throw NoClassDefFoundError instead.
     */
    @Test
    void theFirstBodyOfAClassThatCannotInitializeThrowsItsInitializationError() {
        CommitCodec codec = codec(EventSerializer.json());
        List<CommitRecord> records = new ArrayList<>(records(codec, 40));
        records.add(20, record(codec, 1_000, List.of(EventMessage.of(raw("test.uninitializable", "{\"sku\":\"a\"}")))));
        records.add(25, record(codec, 1_001, List.of(EventMessage.of(raw("test.uninitializable", "{\"sku\":\"b\"}")))));

        List<Commit> seen = new ArrayList<>();
        ExceptionInInitializerError thrown;
        try (Stream<Commit> commits = RunDecodedCommits.of(records.stream(), codec)) {
            thrown = assertThrows(ExceptionInInitializerError.class, () -> commits.forEachOrdered(seen::add));
        }

        assertEquals("no prefix configured", thrown.getCause().getMessage());
        assertEquals(oneByOne(codec, records.subList(0, 20)), seen);
        assertThrows(NoClassDefFoundError.class, () -> codec.toCommit(records.get(20)), "initialized once only");
    }

    /** Records that throw an error part way throw it after the commits read before it, as an exception is. */
    @Test
    void recordsThatThrowAnErrorPartWayThrowItAfterTheCommitsBeforeThem() {
        assertCommitsBeforeAFailureOfTheRecords(new Broken("driver class missing"));
    }

    /** A read that fails part way (a backend gone) fails after the commits read before it, not before them. */
    @Test
    void recordsThatFailPartWayFailAfterTheCommitsBeforeThem() {
        assertCommitsBeforeAFailureOfTheRecords(new IllegalStateException("backend gone"));
    }

    /** Records that throw {@code gone} after 30: the 30 commits come first, as one by one, then {@code gone}. */
    private static void assertCommitsBeforeAFailureOfTheRecords(Throwable gone) {
        CommitCodec codec = codec(EventSerializer.json());
        List<CommitRecord> records = records(codec, 30);
        Stream<CommitRecord> failing = Stream.concat(records.stream(), Stream.of((CommitRecord) null))
                .map(record -> {
                    if (record == null) {
                        throwUnchecked(gone);
                    }
                    return record;
                });

        List<Commit> seen = new ArrayList<>();
        try (Stream<Commit> commits = RunDecodedCommits.of(failing, codec)) {
            assertSame(gone, assertThrows(gone.getClass(), () -> commits.forEachOrdered(seen::add)));
        }

        assertEquals(oneByOne(codec, records), seen);
    }

    private static void throwUnchecked(Throwable thrown) {
        if (thrown instanceof Error error) {
            throw error;
        }
        throw (RuntimeException) thrown;
    }

    @Test
    void closingTheCommitsClosesTheRecords() {
        CommitCodec codec = codec(EventSerializer.json());
        List<String> closed = new ArrayList<>();
        Stream<CommitRecord> records = records(codec, 3).stream().onClose(() -> closed.add("records"));

        try (Stream<Commit> commits = RunDecodedCommits.of(records, codec)) {
            assertEquals(1, commits.limit(1).count());
        }

        assertEquals(List.of("records"), closed);
    }
}
