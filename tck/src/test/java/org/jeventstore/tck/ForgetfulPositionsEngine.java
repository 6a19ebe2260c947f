package org.jeventstore.tck;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;

/** Defect: positions live in the engine object, not in the storage, so a restart forgets them. */
class ForgetfulPositionsEngine extends ForwardingEngine {

    private final Map<String, Position> positions = new TreeMap<>();

    ForgetfulPositionsEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public synchronized Optional<Position> get(String name) {
        delegate.positions().get(name);
        return Optional.ofNullable(positions.get(name));
    }

    @Override
    public synchronized void put(Position position) {
        delegate.positions().put(new Position(position.name(), 0));
        positions.put(position.name(), position);
    }

    @Override
    public synchronized boolean replace(Position expected, Position next) {
        delegate.positions().replace(expected, next);
        if (!Objects.equals(positions.get(next.name()), expected)) {
            return false;
        }
        positions.put(next.name(), next);
        return true;
    }

    @Override
    public synchronized void delete(String name) {
        delegate.positions().delete(name);
        positions.remove(name);
    }

    @Override
    public synchronized Stream<Position> list(String namePrefix) {
        delegate.positions().list(namePrefix).close();
        return positions.values().stream().filter(position -> position.name().startsWith(namePrefix))
                .toList().stream();
    }

    static class Kit extends PersistenceEngineTck {
        private ReferenceEngine storage;

        @Override
        protected PersistenceEngine newEngine(EngineOptions options) {
            storage = new ReferenceEngine(options);
            return new ForgetfulPositionsEngine(new EngineHandle(storage));
        }

        @Override
        protected PersistenceEngine reopenEngine(EngineOptions options) {
            return new ForgetfulPositionsEngine(new EngineHandle(storage));
        }
    }
}
