package org.jeventstore.engine.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jeventstore.EngineNotFoundException;
import org.jeventstore.EventStores;
import org.jeventstore.spi.StoreUri;
import org.junit.jupiter.api.Test;

/** The store URI: which URLs are ours, our options taken out, the rest passed through, secrets masked. */
class JdbcSettingsTest {

    private static JdbcSettings parse(String uri) {
        return JdbcSettings.parse(StoreUri.parse(uri));
    }

    @Test
    void postgresqlAndSqliteUrlsAreSupportedAndOthersAreNot() {
        JdbcEngineProvider provider = new JdbcEngineProvider();

        assertTrue(provider.supports(StoreUri.parse("jdbc:postgresql://db.example.com/shop")));
        assertTrue(provider.supports(StoreUri.parse("jdbc:sqlite:target/demo.db")));
        assertFalse(provider.supports(StoreUri.parse("jdbc:h2:mem:x")));
        assertFalse(provider.supports(StoreUri.parse("memory:")));
    }

    @Test
    void ourOptionsAreTakenOutAndDriverOptionsPassThroughInOrder() {
        JdbcSettings s = parse("jdbc:postgresql://h:5433/shop?user=app&tablePrefix=orders_&ssl=true"
                + "&poolSize=3&createSchema=true&timeoutMillis=5000&currentSchema=es");
        JdbcSettings maria = parse("jdbc:mariadb://h/shop?durabilityCheck=warn&user=app");

        assertEquals(Dialect.POSTGRESQL, s.dialect());
        assertEquals("jdbc:postgresql://h:5433/shop?user=app&ssl=true&currentSchema=es", s.driverUrl());
        assertEquals(new JdbcOptions("orders_", true, DurabilityCheck.REFUSE), s.options());
        assertEquals(3, s.poolSize());
        assertEquals(5000, s.timeoutMillis());
        assertEquals("jdbc:mariadb://h/shop?user=app", maria.driverUrl());
        assertEquals(DurabilityCheck.WARN, maria.options().durabilityCheck());
    }

    @Test
    void defaultsDifferPerDatabase() {
        JdbcSettings pg = parse("jdbc:postgresql://h/shop");
        JdbcSettings sqlite = parse("jdbc:sqlite:target/x.db");

        assertEquals(new JdbcOptions("jes_", false, DurabilityCheck.REFUSE), pg.options());
        assertEquals(new JdbcOptions("jes_", true, DurabilityCheck.REFUSE), sqlite.options());
        assertEquals("jdbc:sqlite:target/x.db", sqlite.driverUrl());
        assertEquals(10, pg.poolSize());
        assertEquals(4, sqlite.poolSize());
    }

    @Test
    void malformedOptionsAreRefusedWithThePasswordMasked() {
        for (String bad : new String[] {"poolSize=0", "poolSize=x", "createSchema=yes", "tablePrefix=Bad-Prefix",
                "timeoutMillis=10", "poolSize", "durabilityCheck=ignore"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parse("jdbc:postgresql://h/shop?user=app&password=s3cret&" + bad), bad);
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
            assertTrue(e.getMessage().contains("password=****"), e.getMessage());
        }
    }

    @Test
    void missingDriverNamesTheArtifactToAdd() {
        ClassLoader withoutDrivers = new ClassLoader(null) { };

        EngineNotFoundException e = assertThrows(EngineNotFoundException.class, () -> JdbcEngines.requireDriver(
                Dialect.POSTGRESQL, StoreUri.parse("jdbc:postgresql://h/shop?password=s3cret"), withoutDrivers));

        assertTrue(e.getMessage().contains("Add org.postgresql:postgresql"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void unreachableServerIsUnavailableAndItsMessageMasksThePassword() {
        org.jeventstore.StorageUnavailableException e = assertThrows(org.jeventstore.StorageUnavailableException.class,
                () -> EventStores.openEngine("jdbc:postgresql://127.0.0.1:1/shop?user=u&password=s3cret"
                        + "&timeoutMillis=250", org.jeventstore.spi.EngineOptions.defaults()));

        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
