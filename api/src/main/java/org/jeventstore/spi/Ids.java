package org.jeventstore.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * The rules every bucket id, stream id and position name follows, in every engine: not null, not blank, at most
 * {@value #MAX_LENGTH} characters, no control characters, valid Unicode (no lone UTF-16 surrogate). Engines call
 * these checks on their inputs so that bad input fails the same way everywhere, before anything is written.
 */
public final class Ids {

    /** The longest bucket or stream id accepted, in UTF-16 code units. */
    public static final int MAX_LENGTH = 256;

    private Ids() {
    }

    /** Returns {@code bucketId} if it is a valid bucket id, else throws. */
    public static String requireBucketId(String bucketId) {
        return require(bucketId, "bucketId");
    }

    /** Returns {@code streamId} if it is a valid stream id, else throws. */
    public static String requireStreamId(String streamId) {
        return require(streamId, "streamId");
    }

    /** Returns {@code name} if it is a valid position name, else throws. */
    public static String requirePositionName(String name) {
        return require(name, "position name");
    }

    private static String require(String id, String what) {
        Objects.requireNonNull(id, what);
        if (isPrintableAscii(id)) {
            return id;
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " must not contain control characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // Engines store UTF-8 or UTF-16 text: a lone surrogate would be replaced, so two ids would name
                // one stream.
                throw new IllegalArgumentException(what + " is not valid Unicode: a lone surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ") at index " + i);
            }
        }
        return id;
    }

    /**
     * The common case in one pass, checked on every commit: 1 to {@value #MAX_LENGTH} printable ASCII
     * characters, not all spaces.
     */
    private static boolean isPrintableAscii(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        boolean blank = true;
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
            blank &= c == ' ';
        }
        return !blank;
    }

    /**
     * Checks the arguments of {@link PositionStore#replace}: {@code next} is given, and {@code
     * expected}, when given, names the same position.
     */
    public static void requireReplacement(Position expected, Position next) {
        Objects.requireNonNull(next, "next");
        if (expected != null && !expected.name().equals(next.name())) {
            throw new IllegalArgumentException("expected position " + expected.name()
                    + " and next position " + next.name() + " must have the same name");
        }
    }

    /** Returns {@code value} if it is zero or more, else throws. */
    static long requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }
}
