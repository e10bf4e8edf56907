package dev.atelier.bootstrap.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.Shop;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The event log as an operator reads it over REST, here from its PostgreSQL store (the default without
 * ClickHouse): an order's produce and consume entries, its notification attempts, the service's warnings,
 * statistics, and clear errors for bad questions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventLogApiTest {

    private final Instant started = Instant.now().minusSeconds(1);
    private Atelier service;
    private Http http;
    private String orderId;

    @BeforeAll
    void start() {
        service = SharedInfrastructure.startService(Map.of(
                "atelier.sandbox.enabled", "true",
                "atelier.event-log.flush-interval", "100ms"));
        http = new Http(URI.create(service.server().getURL().toString()));
        Shop shop = new Shop(http);
        orderId = shop.order("log-reader", "SKU-LOG", shop.approvedDesign());
        shop.finalOrder(orderId, Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theOrdersEventsAreLoggedWhereTheyWereProducedAndWhereTheyWereConsumed() {
        String since = "&from=" + started;
        JsonNode produced = awaitEntries("/api/logs/kafka_logs?direction=produce&event_type=order.created" + since,
                entries -> entries.stream().anyMatch(entry -> entry.get("message_key").asText().equals(orderId)));
        JsonNode entry = find(produced, orderId);
        assertThat(entry.get("status").asText()).isEqualTo("success");
        assertThat(entry.get("topic").asText()).isEqualTo("orders");
        assertThat(entry.get("offset").asLong()).isNotNegative();
        assertThat(entry.get("consumer_group").asText()).isEmpty();
        String eventId = entry.get("event_id").asText();

        JsonNode consumed = awaitEntries("/api/logs/kafka_logs?direction=consume&event_type=order.created" + since
                + "&limit=1000", entries -> entries.stream().anyMatch(e -> e.get("event_id").asText().equals(eventId)
                && e.get("status").asText().equals("success")));
        List<JsonNode> ofEvent = new ArrayList<>();
        consumed.get("entries").forEach(e -> {
            if (e.get("event_id").asText().equals(eventId)) {
                ofEvent.add(e);
            }
        });
        assertThat(ofEvent).allSatisfy(e -> {
            assertThat(e.get("topic").asText()).isEqualTo("orders");
            assertThat(e.get("partition").asInt()).isEqualTo(entry.get("partition").asInt());
            assertThat(e.get("offset").asLong()).isEqualTo(entry.get("offset").asLong());
            assertThat(e.get("trace_id").asText()).isEqualTo(entry.get("trace_id").asText()).hasSize(32);
        });
        assertThat(ofEvent).extracting(e -> e.get("consumer_group").asText()).doesNotHaveDuplicates();
    }

    @Test
    void eachNotificationAttemptIsLogged() {
        JsonNode attempts = awaitEntries("/api/logs/notification_logs?order_id=" + orderId,
                entries -> entries.stream().anyMatch(e -> e.get("event_type").asText().equals("order.assembled")));
        attempts.get("entries").forEach(attempt -> {
            assertThat(attempt.get("status").asText()).isEqualTo("sent");
            assertThat(attempt.get("channel").asText()).isEqualTo("log");
            assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        });
    }

    @Test
    void warningsOfTheServiceGoToTheApplicationLog() {
        String marker = "disk almost full " + UUID.randomUUID();
        LoggerFactory.getLogger("dev.atelier.ops").warn(marker);
        LoggerFactory.getLogger("dev.atelier.ops").info("not a warning " + marker);

        JsonNode warnings = awaitEntries("/api/logs/application_logs?level=WARN&logger=dev.atelier.ops",
                entries -> entries.stream().anyMatch(e -> e.get("message").asText().equals(marker)));
        assertThat(warnings.get("entries").findValuesAsText("message")).doesNotContain("not a warning " + marker);
    }

    @Test
    void statisticsCountByStatusTopicAndTypeWithLatencyPercentiles() {
        awaitEntries("/api/logs/kafka_logs?event_type=order.assembled&from=" + started,
                entries -> !entries.isEmpty());
        JsonNode stats = http.get("/api/logs/stats?from=" + started).json();

        assertThat(stats.get("table").asText()).isEqualTo("kafka_logs");
        assertThat(stats.get("total").asLong()).isPositive();
        assertThat(stats.at("/counts_by/status/success").asLong()).isPositive();
        assertThat(stats.at("/counts_by/topic/orders").asLong()).isPositive();
        assertThat(stats.at("/counts_by/event_type/order.created").asLong()).isPositive();
        JsonNode latency = stats.get("latency");
        assertThat(latency.get("count").asLong()).isEqualTo(stats.get("total").asLong());
        assertThat(latency.get("p50").asLong()).isLessThanOrEqualTo(latency.get("p95").asLong());
        assertThat(latency.get("p95").asLong()).isLessThanOrEqualTo(latency.get("p99").asLong());
        assertThat(latency.get("p99").asLong()).isLessThanOrEqualTo(latency.get("max").asLong());

        JsonNode notifications = http.get("/api/logs/stats?table=notification_logs&order_id=" + orderId).json();
        assertThat(notifications.at("/counts_by/status/sent").asLong()).isPositive();
    }

    @Test
    void theNewestComeFirstUpToTheLimit() {
        JsonNode two = http.get("/api/logs/kafka_logs?limit=2").json();
        assertThat(two.get("count").asInt()).isEqualTo(2);
        Instant first = Instant.parse(two.at("/entries/0/logged_at").asText());
        Instant second = Instant.parse(two.at("/entries/1/logged_at").asText());
        assertThat(first).isAfterOrEqualTo(second);
    }

    @Test
    void badQuestionsGetClearErrors() {
        expectProblem("/api/logs/sms_logs", 404, "sms_logs");
        expectProblem("/api/logs/kafka_logs?colour=red", 400, "colour");
        expectProblem("/api/logs/notification_logs?topic=orders", 400, "topic");
        expectProblem("/api/logs/kafka_logs?limit=0", 400, "limit");
        expectProblem("/api/logs/kafka_logs?limit=lots", 400, "limit");
        expectProblem("/api/logs/kafka_logs?from=yesterday", 400, "from");
        expectProblem("/api/logs/kafka_logs?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "from");
        expectProblem("/api/logs/stats?table=nope", 404, "nope");
    }

    @Test
    void healthShowsTheEventLog() {
        JsonNode health = http.get("/health").json();
        assertThat(health.at("/details/eventLog/status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/eventLog/details/store").asText()).startsWith("postgresql");
        assertThat(health.at("/details/eventLog/details/dropped").asLong()).isZero();
    }

    private void expectProblem(String path, int status, String mentioned) {
        Http.Response response = http.get(path);
        assertThat(response.status()).as(path).isEqualTo(status);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        assertThat(response.body()).as(path).contains(mentioned);
    }

    private JsonNode awaitEntries(String path, java.util.function.Predicate<List<JsonNode>> done) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Response response = http.get(path);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            last[0] = response.json();
            List<JsonNode> entries = new ArrayList<>();
            last[0].get("entries").forEach(entries::add);
            return done.test(entries);
        });
        return last[0];
    }

    private static JsonNode find(JsonNode page, String key) {
        for (JsonNode entry : page.get("entries")) {
            if (entry.get("message_key").asText().equals(key)) {
                return entry;
            }
        }
        throw new AssertionError("no entry with key " + key + " in " + page);
    }
}
