package org.jeventstore.spi;

import java.util.Objects;

/**
 * A durable, named position in the store-wide feed: how far a dispatcher or a named subscription has
 * delivered, and which process holds it. Positions live in the same engine as the commits, so they need no
 * other storage.
 *
 * <p>The lease is opaque to engines: they store it and give it back exactly, and compare it only in {@link
 * PositionStore#replace}. What it says (who holds the position, until when) is the store's
 * business.
 *
 * @param name       the position's name; follows the rules of {@link Ids}
 * @param checkpoint the last checkpoint delivered, 0 or more
 * @param lease      the lease of the process that holds the position, {@code ""} when nobody does; at most
 *                   {@value #MAX_LEASE_LENGTH} characters, no control characters, valid UTF-16
 */
public record Position(String name, long checkpoint, String lease) {

    /** The longest lease accepted, in UTF-16 code units. */
    public static final int MAX_LEASE_LENGTH = 128;

    public Position {
        Ids.requirePositionName(name);
        Ids.requireNonNegative(checkpoint, "checkpoint");
        requireLease(lease);
    }

    /** A position nobody holds: its lease is {@code ""}. */
    public Position(String name, long checkpoint) {
        this(name, checkpoint, "");
    }

    /**
     * Engines give the lease back exactly and compare it for equality, so it must survive every backend's
     * string type: no lone surrogates, which UTF-8 stores cannot hold.
     */
    private static void requireLease(String lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.length() > MAX_LEASE_LENGTH) {
            throw new IllegalArgumentException("lease is longer than " + MAX_LEASE_LENGTH + " characters");
        }
        for (int i = 0; i < lease.length(); i++) {
            char c = lease.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("lease must not contain control characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < lease.length()
                    && Character.isLowSurrogate(lease.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("lease must be valid UTF-16: lone surrogate at index " + i);
            }
        }
    }
}
