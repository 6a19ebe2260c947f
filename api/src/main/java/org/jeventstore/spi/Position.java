package org.jeventstore.spi;

/**
 * A durable, named position in the store-wide feed: how far a dispatcher or a named subscription has
 * delivered. Positions live in the same engine as the commits, so they need no other storage.
 *
 * @param name       the position's name; follows the rules of {@link Ids}
 * @param checkpoint the last checkpoint delivered, 0 or more
 */
public record Position(String name, long checkpoint) {

    public Position {
        Ids.requirePositionName(name);
        Ids.requireNonNegative(checkpoint, "checkpoint");
    }
}
