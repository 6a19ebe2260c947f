package org.jeventstore.tck;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.Position;

/** Defect: positions live in the engine object, not in the storage, so a restart forgets them. */
class ForgetfulPositionsEngine extends ForwardingEngine {

    private final Map<String, Long> positions = new TreeMap<>();

    ForgetfulPositionsEngine(PersistenceEngine delegate) {
        super(delegate);
    }

    @Override
    public synchronized OptionalLong position(String name) {
        delegate.position(name);
        Long checkpoint = positions.get(name);
        return checkpoint == null ? OptionalLong.empty() : OptionalLong.of(checkpoint);
    }

    @Override
    public synchronized void savePosition(Position position) {
        delegate.savePosition(new Position(position.name(), 0));
        positions.put(position.name(), position.checkpoint());
    }

    @Override
    public synchronized void deletePosition(String name) {
        delegate.deletePosition(name);
        positions.remove(name);
    }

    @Override
    public synchronized Stream<Position> positions(String namePrefix) {
        delegate.positions(namePrefix).close();
        return positions.entrySet().stream().filter(entry -> entry.getKey().startsWith(namePrefix))
                .map(entry -> new Position(entry.getKey(), entry.getValue())).toList().stream();
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
