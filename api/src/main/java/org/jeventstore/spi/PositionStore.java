package org.jeventstore.spi;

import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.StorageUnavailableException;

/**
 * An engine's durable, named positions in the feed: how far each dispatcher and named subscription has
 * delivered, who holds it ({@link Position#lease()}), and the commits a subscription parked. The facet
 * {@link PersistenceEngine#positions()} gives; positions live in the same engine as the commits, so they need
 * no other storage. Arguments are valid and the engine is open whenever the store calls (see
 * {@link CheckedEngine}).
 */
public interface PositionStore {

    /** The stored position of this name, with its lease, if any. */
    Optional<Position> get(String name);

    /**
     * Stores a position with its lease, replacing any of the same name whatever it holds; durable when this
     * returns. A process that shares a position with others uses {@link #replace} instead.
     */
    void put(Position position);

    /**
     * Stores {@code next} only if the stored position is still {@code expected}: a compare-and-set of one
     * position, by checkpoint and lease. It exists for leases and fencing. Several processes may run the same
     * named subscription on one storage; only the one holding its lease may deliver and move its position. A
     * process takes a free lease by replacing the position it read with one carrying its own lease, and saves
     * its progress by replacing the position it last stored. If another process took the lease meanwhile, the
     * replace returns {@code false} and writes nothing, so a process that was paused and lost its lease cannot
     * move the position.
     *
     * <p>Atomic against every other {@code replace}, {@link #put} and {@link #delete} of the same name, from this
     * engine or any other engine or process over the same storage; durable when it returns. When the backend's
     * answer is lost ({@link StorageUnavailableException}, or a backend client that resent a write which had
     * applied and then reports {@code false}), the outcome is unknown: read the position, and finding
     * {@code next} stored means the write applied, since leases are unique to their holder.
     *
     * @param expected the position as last read; {@code null} to store {@code next} only if no position of its
     *                 name exists; otherwise of the same name as {@code next}
     * @param next     the position to store
     * @return {@code true} if {@code next} was stored; {@code false}, writing nothing, if the stored position
     *         differs from {@code expected} in checkpoint or lease, or exists although {@code expected} is
     *         {@code null}, or is absent although {@code expected} is not
     */
    boolean replace(Position expected, Position next);

    /** Removes a position; nothing happens if there is none. */
    void delete(String name);

    /** The positions whose names start with {@code namePrefix}, with their leases, ordered by name. */
    Stream<Position> list(String namePrefix);
}
