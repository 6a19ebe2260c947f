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
    public synchronized Optional<Position> position(String name) {
        delegate.position(name);
        return Optional.ofNullable(positions.get(name));
    }

    @Override
    public synchronized void savePosition(Position position) {
        delegate.savePosition(new Position(position.name(), 0));
        positions.put(position.name(), position);
    }

    @Override
    public synchronized boolean replacePosition(Position expected, Position next) {
        delegate.replacePosition(expected, next);
        if (!Objects.equals(positions.get(next.name()), expected)) {
            return false;
        }
        positions.put(next.name(), next);
        return true;
    }

    @Override
    public synchronized void deletePosition(String name) {
        delegate.deletePosition(name);
        positions.remove(name);
    }

    @Override
    public synchronized Stream<Position> positions(String namePrefix) {
        delegate.positions(namePrefix).close();
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
