package org.jeventstore.internal;


import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jeventstore.Commit;
import org.jeventstore.EventMessage;
import org.jeventstore.EventSerializer;
import org.jeventstore.EventType;
import org.jeventstore.RawEvent;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitCodecTest {

    @EventType("test.renamed")
    record Renamed(String value) {
    }

    private static CommitCodec codec(TypeRegistry types) {
        return new CommitCodec(EventSerializer.json(), types, new Upconverters(Map.of()));
    }

    private static Commit commit(Object body, Map<String, Object> headers) {
        return new Commit("b", "s", 1, UUID.randomUUID(), 1, Instant.parse("2026-01-01T00:00:00Z"), headers,
                List.of(EventMessage.of(body, headers)), 0);
    }

    @Test
    void bodiesAreStoredUnderTheirTypeNameAndReadBack() {
        TypeRegistry types = new TypeRegistry();
        types.register(Renamed.class);
        CommitAttempt attempt = codec(types).toAttempt(commit(new Renamed("x"), Map.of()));
        assertEquals("test.renamed", attempt.events().get(0).body().type());
        assertEquals("{\"value\":\"x\"}", new String(attempt.events().get(0).body().data(), StandardCharsets.UTF_8));
        Commit read = codec(types).toCommit(new CommitRecord(attempt, 7));
        assertEquals(new Renamed("x"), read.events().get(0).body());
        assertEquals(7, read.checkpoint());
    }

    /** A serializer of the user's may keep the array it returns: the attempt holds a copy of its own. */
    @Test
    void bytesThatAUsersSerializerReturnsAreCopied() {
        byte[] kept = "{\"value\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        EventSerializer keeping = new EventSerializer() {
            @Override
            public String contentType() {
                return "application/x-kept";
            }

            @Override
            public byte[] serialize(Object value) {
                return kept;
            }

            @Override
            public <T> T deserialize(byte[] data, Class<T> type) {
                throw new UnsupportedOperationException();
            }
        };
        TypeRegistry types = new TypeRegistry();
        types.register(Renamed.class);
        CommitAttempt attempt = new CommitCodec(keeping, types, new Upconverters(Map.of()))
                .toAttempt(commit(new Renamed("x"), Map.of()));

        kept[2] = 'X';

        assertEquals("{\"value\":\"x\"}", new String(attempt.events().get(0).body().data(), StandardCharsets.UTF_8));
    }

    /** A raw event hands out copies: the attempt's bytes stay as they were when the raw event was made. */
    @Test
    void aRawEventsBytesStayAsGiven() {
        byte[] data = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        RawEvent raw = new RawEvent("t", "application/json", data);
        CommitAttempt attempt = codec(new TypeRegistry()).toAttempt(commit(raw, Map.of()));

        data[1] = 'X';
        attempt.events().get(0).body().data()[1] = 'Y';

        assertEquals("{\"a\":1}", new String(attempt.events().get(0).body().data(), StandardCharsets.UTF_8));
    }

    @Test
    void headersWithDotsAndDollarsRoundTripAsJsonValues() {
        Map<String, Object> headers = Map.of("a.b", 1, "$c", "x", "nested", Map.of("d.e", true), "list", List.of(1, 2));
        TypeRegistry types = new TypeRegistry();
        Commit read = codec(types).toCommit(new CommitRecord(codec(types).toAttempt(commit(new Renamed("x"), headers)), 1));
        assertEquals(headers, read.headers());
        assertEquals(headers, read.events().get(0).headers());
    }

    @Test
    void anUnregisteredTypeReadsAsARawEventThatWritesBackUnchanged() {
        TypeRegistry writer = new TypeRegistry();
        CommitAttempt attempt = codec(writer).toAttempt(commit(new Renamed("x"), Map.of()));
        Commit read = codec(new TypeRegistry()).toCommit(new CommitRecord(attempt, 1));
        RawEvent raw = assertInstanceOf(RawEvent.class, read.events().get(0).body());
        assertEquals("test.renamed", raw.type());
        assertEquals("{\"value\":\"x\"}", raw.text());
        CommitAttempt copied = codec(new TypeRegistry()).toAttempt(commit(raw, Map.of()));
        assertEquals(attempt.events().get(0), copied.events().get(0));
    }

    @Test
    void headerValuesThatAreNotJsonAreRefusedBeforeWriting() {
        Map<String, Object> headers = Map.of("thread", new Object());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> codec(new TypeRegistry()).toAttempt(commit(new Renamed("x"), headers)));
        assertTrue(refused.getMessage().contains("'thread'"), refused.getMessage());
    }
}
