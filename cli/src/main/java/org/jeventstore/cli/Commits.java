package org.jeventstore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jeventstore.spi.CommitRecord;
import org.jeventstore.spi.EventRecord;

/** Commits shown as stored: JSON as JSON, anything else as base64; no event classes needed. */
final class Commits {

    private Commits() {
    }

    static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        String media = (parameters < 0 ? type : type.substring(0, parameters)).trim();
        return media.equals("application/json") || media.endsWith("+json");
    }

    /** The JSON the bytes hold, if they hold JSON. */
    static Optional<JsonNode> parse(byte[] bytes) {
        try {
            return Optional.ofNullable(StoreCommand.JSON.readTree(bytes));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Why a commit cannot be decoded, if it cannot: headers that are no JSON object, a JSON body that is no JSON. */
    static Optional<String> undecodable(CommitRecord commit) {
        if (!parse(commit.headers()).map(JsonNode::isObject).orElse(false)) {
            return Optional.of("commit headers are not a JSON object");
        }
        int index = 0;
        for (EventRecord event : commit.events()) {
            index++;
            if (!parse(event.headers()).map(JsonNode::isObject).orElse(false)) {
                return Optional.of("headers of event " + index + " are not a JSON object");
            }
            if (isJson(event.body().contentType()) && parse(event.body().data()).isEmpty()) {
                return Optional.of("body of event " + index + " is " + event.body().contentType() + " but not JSON");
            }
        }
        return Optional.empty();
    }

    static ObjectNode toJson(CommitRecord commit) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("checkpoint", commit.checkpoint());
        node.put("bucket", commit.bucketId());
        node.put("stream", commit.streamId());
        node.put("commitSequence", commit.commitSequence());
        node.put("firstRevision", commit.firstRevision());
        node.put("streamRevision", commit.streamRevision());
        node.put("commitId", commit.commitId().toString());
        node.put("commitStamp", commit.commitStamp().toString());
        putJsonOrBase64(node, "headers", commit.headers(), true);
        ArrayNode events = node.putArray("events");
        for (EventRecord event : commit.events()) {
            ObjectNode e = events.addObject();
            putJsonOrBase64(e, "headers", event.headers(), true);
            e.put("type", event.body().type());
            e.put("contentType", event.body().contentType());
            putJsonOrBase64(e, "body", event.body().data(), isJson(event.body().contentType()));
        }
        return node;
    }

    /** {@code name} holds the JSON; bytes that are not JSON go to {@code nameBase64}. */
    private static void putJsonOrBase64(ObjectNode node, String name, byte[] bytes, boolean json) {
        Optional<JsonNode> parsed = json ? parse(bytes) : Optional.empty();
        if (parsed.isPresent()) {
            node.set(name, parsed.get());
        } else {
            node.put(name + "Base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** A commit for people: a line of its own, then its headers and one line per event. */
    static void print(PrintWriter out, CommitRecord commit) {
        out.printf("%12d  %s/%s  seq %d  rev %d..%d  %s  %s%n", commit.checkpoint(), Printable.of(commit.bucketId()),
                Printable.of(commit.streamId()), commit.commitSequence(), commit.firstRevision(), commit.streamRevision(),
                commit.commitId(), commit.commitStamp());
        String headers = text(commit.headers(), true);
        if (!headers.equals("{}")) {
            out.println("              headers " + headers);
        }
        long revision = commit.firstRevision();
        for (EventRecord event : commit.events()) {
            String eventHeaders = text(event.headers(), true);
            out.printf("              %d %s (%s)%s %s%n", revision++, Printable.of(event.body().type()),
                    Printable.of(event.body().contentType()),
                    eventHeaders.equals("{}") ? "" : " headers " + eventHeaders,
                    text(event.body().data(), isJson(event.body().contentType())));
        }
    }

    private static String text(byte[] bytes, boolean json) {
        if (json) {
            Optional<JsonNode> parsed = parse(bytes);
            if (parsed.isPresent()) {
                try {
                    return StoreCommand.JSON.writeValueAsString(parsed.get());
                } catch (JsonProcessingException e) {
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            }
        }
        return "base64:" + Base64.getEncoder().encodeToString(bytes);
    }
}
