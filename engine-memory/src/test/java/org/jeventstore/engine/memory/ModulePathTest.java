package org.jeventstore.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The other half of "register twice": on the module path the engine is found through {@code provides} in its
 * module descriptor (META-INF/services is ignored there). The api, this engine and Jackson are loaded as named
 * modules in a layer of their own, and the layer's {@code EventStores} must find and open the engine.
 */
class ModulePathTest {

    /** The class-path entries that hold the modules under test: the api, this engine, and Jackson. */
    private static Path[] moduleEntries() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("jackson")
                        || entry.replace('\\', '/').matches(".*(/api/target/classes|/engine-memory/target/classes"
                        + "|jeventstore-api-[^/]*\\.jar|jeventstore-engine-memory-[^/]*\\.jar)$"))
                .map(Path::of)
                .toArray(Path[]::new);
    }

    @Test
    void theEngineIsFoundThroughItsModuleDescriptor() throws Exception {
        Path[] entries = moduleEntries();
        assertFalse(entries.length < 3, "api, engine and Jackson on the class path: " + List.of(entries));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration().resolveAndBind(ModuleFinder.of(entries),
                ModuleFinder.of(), Set.of("org.jeventstore.engine.memory"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
        ClassLoader loader = layer.findLoader("org.jeventstore");
        Class<?> facade = loader.loadClass("org.jeventstore.EventStores");
        assertEquals("org.jeventstore", facade.getModule().getName());

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            assertEquals(List.of("memory"), facade.getMethod("available").invoke(null));
            Object store = facade.getMethod("open", String.class).invoke(null, "memory:");
            assertEquals("org.jeventstore", store.getClass().getModule().getName());
            ((AutoCloseable) store).close();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
