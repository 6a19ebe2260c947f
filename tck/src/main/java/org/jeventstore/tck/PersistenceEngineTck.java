package org.jeventstore.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jeventstore.spi.CheckedEngine;
import org.jeventstore.spi.EngineOptions;
import org.jeventstore.spi.PersistenceEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The compatibility kit every {@link PersistenceEngine} runs. An engine's test extends it and opens the engine:
 *
 * <pre>{@code
 * class MemoryEngineTckTest extends PersistenceEngineTck {
 *     private String uri;
 *
 *     @Override
 *     protected PersistenceEngine newEngine(EngineOptions options) {
 *         uri = "memory:tck-" + UUID.randomUUID();
 *         return EventStores.openEngine(uri, options);
 *     }
 *
 *     @Override
 *     protected PersistenceEngine reopenEngine(EngineOptions options) {
 *         return EventStores.openEngine(uri, options);
 *     }
 * }
 * }</pre>
 *
 * <p>Every test gets a new engine with a page size of {@value #PAGE_SIZE}, so that every read pages, and closes
 * it afterwards. Tests use stream ids and buckets of their own, so engines whose storage outlives one engine
 * still pass, but a test may purge the whole store. Optional features ({@link
 * org.jeventstore.spi.Capability}) are never skipped: a declared one must work, an undeclared one must be
 * refused.
 */
public abstract class PersistenceEngineTck {

    /** The page size the kit opens engines with. */
    public static final int PAGE_SIZE = 2;

    private PersistenceEngine engine;
    private final List<PersistenceEngine> reopened = new ArrayList<>();

    /** A new engine over fresh, empty storage, honouring {@code options} (the kit passes page size 2). */
    protected abstract PersistenceEngine newEngine(EngineOptions options);

    /**
     * Another engine over the storage of the last {@link #newEngine}, as a restarted process would open it:
     * what was stored must be there, whether or not the first engine was closed. The durability tests use it.
     */
    protected abstract PersistenceEngine reopenEngine(EngineOptions options);

    @BeforeEach
    final void openEngine() {
        // Through the checks the store calls every engine through: the engine itself checks no argument.
        engine = CheckedEngine.of(Objects.requireNonNull(newEngine(new EngineOptions(PAGE_SIZE)),
                "newEngine returned null"));
    }

    @AfterEach
    final void closeEngine() {
        reopened.forEach(PersistenceEngine::close);
        reopened.clear();
        if (engine != null) {
            engine.close();
        }
    }

    /**
     * Fails, saying why: it runs only when something other than the JUnit Platform runs the kit, and then none
     * of the kit's tests ran. Maven's default Surefire (2.12, with no JUnit 4 on the test class path) runs
     * public {@code test…} methods of public classes as plain tests, and would otherwise report success with
     * "Tests run: 0". The JUnit Platform ignores this method: it carries no {@code @Test}.
     */
    public final void testThatTheKitRunsOnTheJUnitPlatform() {
        throw new AssertionError("The JEventStore TCK runs on the JUnit Platform, and this test runner is not it: "
                + "none of the kit's tests ran. With Maven, pin maven-surefire-plugin 3.x (the README's "
                + "'Writing an engine' has the pom fragment).");
    }

    /** A reopened engine over the storage of the running test's engine, closed after the test. */
    final PersistenceEngine reopen() {
        PersistenceEngine again = CheckedEngine.of(Objects.requireNonNull(reopenEngine(new EngineOptions(PAGE_SIZE)),
                "reopenEngine returned null"));
        reopened.add(again);
        return again;
    }

    /** The engine of the running test. */
    final PersistenceEngine engine() {
        return engine;
    }

    @Nested
    @DisplayName("commit")
    class Commits extends CommitContract {
        Commits() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("read ranges")
    class ReadRanges extends ReadRangeContract {
        ReadRanges() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("feed")
    class Feed extends FeedContract {
        Feed() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("last checkpoint")
    class LastCheckpoint extends LastCheckpointContract {
        LastCheckpoint() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("read by time")
    class TimeReads extends TimeReadContract {
        TimeReads() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("snapshots")
    class Snapshots extends SnapshotContract {
        Snapshots() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("stream heads")
    class StreamHeads extends StreamHeadContract {
        StreamHeads() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("delete and purge")
    class DeleteAndPurge extends DeleteContract {
        DeleteAndPurge() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("close and drop")
    class CloseAndDrop extends LifecycleContract {
        CloseAndDrop() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("buckets")
    class Buckets extends BucketContract {
        Buckets() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("paging")
    class Paging extends PagingContract {
        Paging() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("payloads and headers")
    class Payloads extends PayloadContract {
        Payloads() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput extends BadInputContract {
        BadInput() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("concurrency stress")
    class ConcurrencyStress extends StressContract {
        ConcurrencyStress() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("durable positions")
    class Positions extends PositionContract {
        Positions() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("dispatch and subscriptions")
    class Dispatch extends DispatchContract {
        Dispatch() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("store over this engine")
    class Store extends StoreContract {
        Store() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("subscription leases")
    class Leases extends LeaseContract {
        Leases() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("event routing")
    class Routing extends RoutingContract {
        Routing() {
            super(PersistenceEngineTck.this);
        }
    }

    @Nested
    @DisplayName("store integrity")
    class Integrity extends IntegrityContract {
        Integrity() {
            super(PersistenceEngineTck.this);
        }
    }
}
