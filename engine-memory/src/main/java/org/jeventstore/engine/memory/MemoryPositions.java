package org.jeventstore.engine.memory;

import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.PositionStore;

/** The durable positions of a {@link MemoryStorage}. */
final class MemoryPositions implements PositionStore {

    private final MemoryStorage storage;
    private final int pageSize;

    MemoryPositions(MemoryStorage storage, int pageSize) {
        this.storage = storage;
        this.pageSize = pageSize;
    }

    @Override
    public Optional<Position> get(String name) {
        return storage.live().position(name);
    }

    @Override
    public void put(Position position) {
        storage.live().savePosition(position);
    }

    @Override
    public boolean replace(Position expected, Position next) {
        return storage.live().replacePosition(expected, next);
    }

    @Override
    public void delete(String name) {
        storage.live().deletePosition(name);
    }

    @Override
    public Stream<Position> list(String namePrefix) {
        return storage.live().positions(namePrefix, pageSize);
    }
}
