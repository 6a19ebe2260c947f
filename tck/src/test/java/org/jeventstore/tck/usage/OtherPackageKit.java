package org.jeventstore.tck.usage;

import java.util.UUID;
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

    private StoreUri uri;

    @Override
    protected PersistenceEngine newEngine(EngineOptions options) {
        uri = StoreUri.parse("reference:" + UUID.randomUUID());
        return new ReferenceEngineProvider().open(uri, options);
    }

    @Override
    protected PersistenceEngine reopenEngine(EngineOptions options) {
        return new ReferenceEngineProvider().open(uri, options);
    }
}
