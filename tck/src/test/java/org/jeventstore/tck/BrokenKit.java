package org.jeventstore.tck;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;

/**
 * The kit of a deliberately broken engine. Such an engine is never reopened: the durability tests fail for
 * it along with the test that catches its defect, which is all the self-test needs.
 */
abstract class BrokenKit extends PersistenceEngineTck {

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        throw new UnsupportedOperationException("a broken engine is not reopened");
    }
}
