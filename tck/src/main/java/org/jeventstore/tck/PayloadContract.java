package org.jeventstore.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jeventstore.spi.CommitAttempt;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;
import org.jeventstore.spi.FeedRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Payloads and headers round-trip byte for byte: large bodies, non-ASCII text, and header keys containing
 * {@code .} and {@code $}, which document stores reserve.
 */
abstract class PayloadContract extends Contract {

    /** More than 100 KB of JSON. */
    private static final int LARGE = 102_400;

    private static final String HEADERS = "{\"a.b\":1,\"$c\":\"x\",\"nested\":{\"d.e\":true,\"$f\":[1,\"$g\"]}}";

    PayloadContract(PersistenceEngineTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("an event body of more than 100 KB round-trips through a stream read")
    void largeEventBodyRoundTripsThroughAStreamRead() {
        String stream = newStreamId();
        String body = Events.jsonOfLength(LARGE);
        CommitRecord committed = commit(Attempts.first(bucket, stream).body(body));

        List<CommitRecord> read = readStream(bucket, stream);

        assertEquals(List.of(committed), read);
        assertEquals(body, new String(read.get(0).events().get(0).body().data(), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("an event body of more than 100 KB round-trips through the feed")
    void largeEventBodyRoundTripsThroughTheFeed() {
        CommitRecord small = commit(Attempts.first(bucket, newStreamId()));
        CommitRecord large = commit(Attempts.first(bucket, newStreamId()).body(Events.jsonOfLength(LARGE)));
        CommitRecord after = commit(Attempts.next(small));

        assertEquals(List.of(small, large, after), feed(FeedRange.after(bucket, 0)));
    }

    @Test
    void largeCommitOfManyEventsRoundTrips() {
        String stream = newStreamId();
        List<EventRecord> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(Events.json(Events.jsonOfLength(2_000 + i)));
        }
        CommitRecord committed = commit(Attempts.first(bucket, stream).events(events.toArray(EventRecord[]::new)));

        assertEquals(List.of(committed), readStream(bucket, stream));
        assertEquals(50, committed.streamRevision());
    }

    @Test
    void nonAsciiTextRoundTrips() {
        String stream = newStreamId();
        CommitRecord committed = commit(Attempts.first(bucket, stream)
                .body("{\"text\":\"Grüße, 東京, emoji \uD83D\uDE80, nul \\u0000, quote \\\" end\"}")
                .headers("{\"ünïcödé\":\"värde \uD83D\uDE00\"}"));

        assertEquals(List.of(committed), readStream(bucket, stream));
    }

    @Test
    @DisplayName("commit header keys with . and $ round-trip")
    void commitHeadersWithDotAndDollarKeysRoundTrip() {
        String stream = newStreamId();
        commit(Attempts.first(bucket, stream).headers(HEADERS));

        assertArrayEquals(Events.utf8(HEADERS), readStream(bucket, stream).get(0).headers());
        assertArrayEquals(Events.utf8(HEADERS), feed(FeedRange.after(bucket, 0)).get(0).headers());
    }

    @Test
    @DisplayName("event header keys with . and $ round-trip")
    void eventHeadersWithDotAndDollarKeysRoundTrip() {
        String stream = newStreamId();
        commit(Attempts.first(bucket, stream).events(Events.json("{\"n\":1}", HEADERS),
                Events.json("{\"$n\":2,\"a.b\":3}", "{}")));

        List<EventRecord> events = readStream(bucket, stream).get(0).events();
        assertArrayEquals(Events.utf8(HEADERS), events.get(0).headers());
        assertArrayEquals(Events.utf8("{}"), events.get(1).headers());
        assertArrayEquals(Events.utf8("{\"$n\":2,\"a.b\":3}"), events.get(1).body().data());
    }

    @Test
    void emptyHeadersRoundTripAsAnEmptyObject() {
        String stream = newStreamId();
        CommitAttempt attempt = Attempts.first(bucket, stream).build();
        engine().commit(attempt);

        CommitRecord read = readStream(bucket, stream).get(0);
        assertArrayEquals(Events.utf8("{}"), read.headers());
        assertArrayEquals(Events.utf8("{}"), read.events().get(0).headers());
    }

    @Test
    void eventsOfOneCommitKeepTheirOrderAndBodies() {
        String stream = newStreamId();
        EventRecord[] events = new EventRecord[12];
        for (int i = 0; i < events.length; i++) {
            events[i] = Events.json("{\"index\":" + (events.length - i) + "}", "{\"i\":" + i + "}");
        }
        commit(Attempts.first(bucket, stream).events(events));

        List<EventRecord> read = readStream(bucket, stream).get(0).events();
        assertEquals(List.of(events), read);
    }
}
