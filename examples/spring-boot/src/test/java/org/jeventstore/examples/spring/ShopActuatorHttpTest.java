package org.jeventstore.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jeventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The health and the jeventstore endpoint over HTTP, as an operator reads them (the shop is no web application;
 * its tests add Spring MVC to serve the actuator). {@code HttpURLConnection}: the test runs inside the
 * example's module, which reads no {@code java.net.http}.
 */
// A lag refresh of 0: the gauge reads the head at this scrape, not a second-old one.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shop.tour=false", "jeventstore.observation.lag-refresh=0s"})
class ShopActuatorHttpTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Carts carts;

    @Autowired
    private EventStore store;

    @Test
    void healthAndTheEndpointAnswerAndARedeliveryRequestIsBound() throws Exception {
        long checkpoint = carts.addItem("cart-http", "sku-1", 1).checkpoint();
        assertThat(store.dispatcher().orElseThrow().awaitPosition(checkpoint, Duration.ofSeconds(10))).isTrue();

        assertThat(call("GET", "/actuator/health", null, 200)).contains("\"jeventstore\":{")
                .contains("\"status\":\"UP\"")
                .contains("\"order-mails\":{\"state\":\"running\",\"position\":" + checkpoint + ",\"lag\":0");
        assertThat(call("GET", "/actuator/jeventstore", null, 200)).contains("\"head\":" + checkpoint)
                .contains("\"order-mails\":{\"status\":{\"state\":\"running\"").contains("\"durable\":true")
                .contains("\"parked\":[]");
        assertThat(call("GET", "/actuator/jeventstore/cart-totals", null, 200)).contains("\"durable\":false");
        call("GET", "/actuator/jeventstore/nobody", null, 404);

        assertThat(call("POST", "/actuator/jeventstore/order-mails", "{\"checkpoint\":" + checkpoint + "}", 200))
                .contains("\"checkpoint\":" + checkpoint).contains("\"redelivered\":false")
                .contains("\"parked\":[]");
    }

    @Test
    void theStoresMetricsAreInTheActuatorsMetricsEndpoint() throws Exception {
        long checkpoint = carts.addItem("cart-metrics", "sku-1", 1).checkpoint();
        assertThat(store.dispatcher().orElseThrow().awaitPosition(checkpoint, Duration.ofSeconds(10))).isTrue();

        String orderMails = "?tag=jeventstore.subscription:order-mails";
        assertThat(call("GET", "/actuator/metrics/jeventstore.subscription.lag" + orderMails, null, 200))
                .contains("\"measurements\":[{\"statistic\":\"VALUE\",\"value\":0.0}]");
        assertThat(call("GET", "/actuator/metrics/jeventstore.subscription.deliveries" + orderMails, null, 200))
                .contains("\"statistic\":\"COUNT\"").doesNotContain("\"value\":0.0");
        assertThat(call("GET", "/actuator/metrics/jeventstore.operation?tag=jeventstore.operation.name:commit"
                + "&tag=jeventstore.outcome:ok", null, 200)).contains("\"statistic\":\"COUNT\"")
                .contains("{\"tag\":\"db.system.name\",\"values\":[\"memory\"]}");
    }

    private String call(String method, String path, String json, int expectedStatus) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL()
                .openConnection();
        try {
            connection.setRequestMethod(method);
            if (json != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream body = connection.getOutputStream()) {
                    body.write(json.getBytes(StandardCharsets.UTF_8));
                }
            }
            assertThat(connection.getResponseCode()).as(method + " " + path).isEqualTo(expectedStatus);
            try (InputStream body = expectedStatus < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }
}
