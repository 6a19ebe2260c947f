package org.jeventstore.spi;

import java.util.Objects;

/**
 * An optional base for engines: it holds the two facets, so that an engine's class keeps only its core. The
 * subclass's constructor hands them over once, with {@link #facets}, whenever it has built them.
 */
public abstract class AbstractPersistenceEngine implements PersistenceEngine {

    private SnapshotStore snapshots;
    private PositionStore positions;

    /** For the subclass's constructor: this engine's snapshots and positions, set once. */
    protected final void facets(SnapshotStore snapshots, PositionStore positions) {
        if (this.snapshots != null) {
            throw new IllegalStateException("The facets of " + this + " are set already");
        }
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.positions = Objects.requireNonNull(positions, "positions");
    }

    @Override
    public final SnapshotStore snapshots() {
        return Objects.requireNonNull(snapshots, "the engine's constructor did not set its facets");
    }

    @Override
    public final PositionStore positions() {
        return Objects.requireNonNull(positions, "the engine's constructor did not set its facets");
    }
}
