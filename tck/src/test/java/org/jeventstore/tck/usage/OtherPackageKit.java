package org.jeventstore.tck.usage;

import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.jeventstore.spi.StoreUri;
import org.jeventstore.tck.PersistenceEngineTck;
import org.jeventstore.tck.ReferenceEngineProvider;

/**
 * The kit as an engine's module runs it, from another package: the kit's package-private lifecycle methods and
 * nested groups must still be found. Run by the self-test, not by surefire.
 */
public class OtherPackageKit extends PersistenceEngineTck {

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        return new ReferenceEngineProvider().open(StoreUri.parse("reference:"), options);
    }
}
