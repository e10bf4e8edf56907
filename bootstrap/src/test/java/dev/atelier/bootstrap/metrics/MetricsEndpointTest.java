package dev.atelier.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.Shop;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What Prometheus scrapes from the running service after an order went through it, and after a message was parked. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsEndpointTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private Atelier service;
    private Http http;

    @BeforeAll
    void start() {
        service = SharedInfrastructure.startService(Map.of("atelier.sandbox.enabled", "true"));
        http = new Http(URI.create(service.server().getURL().toString()));
        Shop shop = new Shop(http);
        shop.finalOrder(shop.order("metrics-" + UUID.randomUUID(), "SKU-METRICS", shop.approvedDesign()),
                Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void an_orders_requests_and_messages_are_counted() {
        Http.Response scraped = http.get("/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.contentType()).startsWith("text/plain");
        Scrape scrape = new Scrape(scraped.body());
        assertThat(scrape.sum("http_server_requests_seconds_count",
                Map.of("method", "POST", "uri", "/api/orders", "status", "201"))).isGreaterThanOrEqualTo(1);
        assertThat(scrape.sum("http_server_requests_seconds_bucket", Map.of("uri", "/api/orders")))
                .as("histogram buckets, for percentiles in Prometheus").isPositive();

        await().atMost(AT_MOST).untilAsserted(() -> {
            Scrape now = scrape();
            assertThat(now.sum("atelier_messages_published_total", Map.of("topic", "orders", "outcome", "success")))
                    .as("order.created, confirmed, paid, assembled").isGreaterThanOrEqualTo(4);
            assertThat(now.sum("atelier_messages_consumed_total",
                    Map.of("consumer", "sagas-orders", "topic", "orders", "outcome", "handled"))).isGreaterThanOrEqualTo(1);
            assertThat(now.sum("atelier_messages_consumed_total",
                    Map.of("consumer", "sagas-orders", "topic", "orders", "outcome", "skipped")))
                    .as("order.confirmed and later are not the saga starter's").isGreaterThanOrEqualTo(3);
            assertThat(now.sum("atelier_saga_duration_seconds_count", Map.of("outcome", "completed")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(now.sum("atelier_saga_duration_seconds_bucket", Map.of("outcome", "completed", "le", "+Inf")))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void backlog_and_lag_come_down_to_zero_once_everything_is_published_and_consumed() {
        await().atMost(AT_MOST).untilAsserted(() -> {
            Scrape now = scrape();
            assertThat(now.sum("atelier_outbox_backlog", Map.of())).isZero();
            assertThat(now.sum("atelier_outbox_oldest_age_seconds", Map.of())).isZero();
            assertThat(now.lines("atelier_consumer_lag", Map.of())).as("one lag per consumer")
                    .containsKeys("sagas-orders", "sagas-replies", "orders-saga-progress", "notifications")
                    .allSatisfy((consumer, lag) -> assertThat(lag).as(consumer).isZero());
        });
    }

    @Test
    void a_parked_message_shows_in_the_dead_letter_gauge_and_as_a_dlq_outcome() throws Exception {
        Scrape before = scrape();
        double parked = before.sum("atelier_dlq_parked", Map.of());
        double dlq = before.sum("atelier_messages_consumed_total", Map.of("consumer", "sagas-orders", "outcome", "dlq"));
        String key = "metrics-poison-" + UUID.randomUUID();
        Properties config = new Properties();
        config.put("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("orders", key, "no envelope".getBytes())).get();
        }

        await().atMost(AT_MOST).untilAsserted(() -> {
            Scrape now = scrape();
            assertThat(now.sum("atelier_messages_consumed_total", Map.of("consumer", "sagas-orders", "outcome", "dlq")))
                    .isEqualTo(dlq + 1);
            assertThat(now.sum("atelier_dlq_parked", Map.of())).as("parked by each consumer of orders")
                    .isGreaterThanOrEqualTo(parked + 2);
        });
        // Leave no parked letter behind for other tests that list the queue.
        JsonNode letters = http.get("/api/dlq?key=" + key + "&status=parked").json();
        letters.get("items").forEach(letter ->
                assertThat(http.send("DELETE", "/api/dlq/" + letter.get("id").asText(), null, Map.of()).status())
                        .isEqualTo(204));
    }

    @Test
    void of_the_management_endpoints_only_health_and_metrics_are_served() {
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(http.get("/prometheus").status()).isEqualTo(200);
        for (String path : List.of("/threaddump", "/routes", "/beans", "/metrics", "/info", "/env", "/loggers", "/caches")) {
            assertThat(http.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(http.send("POST", "/refresh", "{}", Map.of()).status()).as("POST /refresh").isEqualTo(404);
        assertThat(http.send("POST", "/stop", "{}", Map.of()).status()).as("POST /stop").isEqualTo(404);
    }

    private Scrape scrape() {
        return new Scrape(http.get("/prometheus").body());
    }

    /** The Prometheus text format, read just enough to find samples by name and labels. */
    private record Scrape(String text) {

        /** The sum of every sample named {@code name} that carries all of {@code labels}. */
        double sum(String name, Map<String, String> labels) {
            return samples(name, labels).values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** The samples named {@code name} with all of {@code labels}, keyed by the value of their first label. */
        Map<String, Double> lines(String name, Map<String, String> labels) {
            Map<String, Double> byFirstLabel = new HashMap<>();
            samples(name, labels).forEach((line, value) -> {
                int quote = line.indexOf('"');
                byFirstLabel.put(quote < 0 ? line : line.substring(quote + 1, line.indexOf('"', quote + 1)), value);
            });
            return byFirstLabel;
        }

        private Map<String, Double> samples(String name, Map<String, String> labels) {
            Map<String, Double> found = new HashMap<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                    continue;
                }
                String series = line.substring(0, line.lastIndexOf(' '));
                boolean matches = labels.entrySet().stream()
                        .allMatch(label -> series.contains(label.getKey() + "=\"" + label.getValue() + "\""));
                if (matches) {
                    found.put(series, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
            return found;
        }
    }
}
