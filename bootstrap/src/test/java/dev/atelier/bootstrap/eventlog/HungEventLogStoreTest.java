package dev.atelier.bootstrap.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.Shop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A ClickHouse that accepts connections and never answers (the worst kind of outage): orders still go
 * through, and health still answers, reporting the log as degraded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HungEventLogStoreTest {

    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private Atelier service;
    private Shop shop;

    @BeforeAll
    void start() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-clickhouse");
        acceptor.setDaemon(true);
        acceptor.start();
        service = SharedInfrastructure.startService(Map.of(
                "atelier.sandbox.enabled", "true",
                "atelier.event-log.clickhouse.url", "http://127.0.0.1:" + silent.getLocalPort(),
                "atelier.event-log.clickhouse.timeout", "60s"));
        shop = new Shop(new Http(URI.create(service.server().getURL().toString())));
    }

    @AfterAll
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void ordersGoThroughAndHealthAnswersWithTheLogDegraded() {
        String order = shop.order("hung-log", "SKU-HUNG", shop.approvedDesign());
        assertThat(shop.finalOrder(order, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("assembled");

        Http.Response health = shop.http().get("/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode eventLog = health.json().at("/details/eventLog");
        assertThat(eventLog.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(eventLog.at("/details/error").asText()).contains("no answer within");
        assertThat(eventLog.at("/details/buffered").asLong()).isPositive();
    }
}
