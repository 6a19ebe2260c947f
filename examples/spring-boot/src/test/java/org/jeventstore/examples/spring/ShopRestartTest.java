package org.jeventstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jeventstore.EventMessage;
import org.jeventstore.EventStore;
import org.jeventstore.EventStream;
import org.jeventstore.spring.boot.autoconfigure.EventStoreSubscriptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example on a SQLite file, started twice: a first run (before the test's context) commits and stops; a
 * commit is written while no application runs; the test's context is the second run, whose dispatcher resumes
 * from the stored position — nothing acknowledged is delivered again, everything after it is.
 */
@SpringBootTest(properties = {"jeventstore.uri=" + ShopRestartTest.URI, "shop.tour=false"})
class ShopRestartTest {

    static final String FILE = "target/shop-restart.db";
    static final String URI = "jdbc:sqlite:" + FILE;

    private static long acknowledged;
    private static long whileStopped;

    @Autowired
    private ConfigurableApplicationContext second;

    // No web server for the first run: the tests have Spring MVC on their class path (see ShopActuatorHttpTest).
    @BeforeAll
    static void aFirstRunThenACommitWhileNoApplicationRuns() throws IOException, InterruptedException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(FILE + suffix));
        }
        try (ConfigurableApplicationContext first = SpringApplication.run(ShopApplication.class,
                "--jeventstore.uri=" + URI, "--shop.tour=false", "--spring.main.web-application-type=none")) {
            Carts carts = first.getBean(Carts.class);
            long one = carts.addItem("cart-a", "sku-1", 1).checkpoint();
            acknowledged = carts.addItem("cart-a", "sku-2", 2).checkpoint();
            EventStore store = first.getBean(EventStore.class);
            assertThat(store.dispatcher().orElseThrow().awaitPosition(acknowledged, Duration.ofSeconds(10))).isTrue();
            assertThat(first.getBean(OrderMails.class).delivered()).containsExactly(one, acknowledged);
        }
        try (EventStore offline = EventStore.builder().engine(URI).build();
             EventStream cart = offline.openStream("cart-a")) {
            cart.add(EventMessage.of(new ItemAdded("sku-3", 3)));
            whileStopped = cart.commitChanges(UUID.randomUUID()).checkpoint();
        }
    }

    @Test
    void theRestartedApplicationResumesTheDispatcherFromItsStoredPosition() throws InterruptedException {
        long after = second.getBean(Carts.class).checkOut("cart-a", "ada@example.com").checkpoint();
        EventStore store = second.getBean(EventStore.class);
        assertThat(store.dispatcher().orElseThrow().awaitPosition(after, Duration.ofSeconds(10))).isTrue();
        OrderMails mails = second.getBean(OrderMails.class);
        assertThat(whileStopped).isGreaterThan(acknowledged);
        assertThat(mails.delivered()).containsExactly(whileStopped, after);
        assertThat(mails.sent()).containsExactly("ada@example.com: your order cart-a is on its way");

        // The in-memory projection is rebuilt from the start of the feed at every start.
        assertThat(second.getBean(EventStoreSubscriptions.class).find("cart-totals").orElseThrow()
                .awaitPosition(after, Duration.ofSeconds(10))).isTrue();
        assertThat(second.getBean(CartTotals.class).items("cart-a")).isEqualTo(6);
    }
}
