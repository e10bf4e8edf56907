package dev.atelier.bootstrap.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.adapters.clickhouse.ClickHouseTestServer;
import dev.atelier.adapters.kafka.Topics;
import dev.atelier.application.eventlog.EventLog;
import dev.atelier.application.messaging.EventHandler;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.Shop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The event log in a real ClickHouse, checked against the broker itself: every record the service put on a
 * topic has exactly one produce entry, and every record a consumer received has exactly one final entry
 * for that consumer — also across a ClickHouse outage, during which the orders carry on.
 *
 * <p>The service runs with consumer groups of its own, so its consumers read every topic from the start and
 * the whole history can be accounted for, not just this test's orders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventLogAccountingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLED = Duration.ofSeconds(90);
    private static final Set<String> FINAL_CONSUME_STATUSES = Set.of("success", "duplicate", "dlq", "skipped");

    private final String database = ClickHouseTestServer.uniqueDatabase("accounting");
    private final String groupPrefix = "accounting-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final HttpClient http = HttpClient.newHttpClient();
    private ClickHouseTestServer clickHouse;
    private Admin admin;
    private Map<TopicPartition, Long> endsBeforeStart;
    private Atelier service;
    private Shop shop;
    private String design;

    @BeforeAll
    void start() throws Exception {
        clickHouse = ClickHouseTestServer.shared();
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers());
        admin = Admin.create(config);
        endsBeforeStart = endOffsets(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        service = startService(Map.of());
    }

    private Atelier startService(Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "atelier.sandbox.enabled", "true",
                "atelier.messaging.consumer.group-prefix", groupPrefix,
                "atelier.event-log.clickhouse.url", clickHouse.url().toString(),
                "atelier.event-log.clickhouse.database", database,
                "atelier.event-log.clickhouse.username", ClickHouseTestServer.USER,
                "atelier.event-log.clickhouse.password", ClickHouseTestServer.PASSWORD,
                "atelier.event-log.clickhouse.timeout", "2s",
                "atelier.event-log.flush-interval", "100ms",
                "atelier.event-log.retry-pause", "200ms"));
        settings.putAll(more);
        Atelier started = SharedInfrastructure.startService(settings);
        shop = new Shop(new Http(URI.create(started.server().getURL().toString())));
        return started;
    }

    @AfterAll
    void stop() {
        if (clickHouse != null) {
            clickHouse.start();
        }
        if (service != null) {
            service.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    @Order(1)
    void everyRecordProducedAndConsumedIsLoggedExactlyOnce() {
        design = shop.approvedDesign();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(shop.order("account-" + i, i % 3 == 0 ? "OOS-" + i : "SKU-" + i, design));
        }
        orders.add(shop.order("decline-account", "SKU-D", design));
        orders.forEach(order -> shop.finalOrder(order, SETTLED));

        assertEverythingAccountedFor();
    }

    @Test
    @Order(2)
    void whileClickHouseIsDownOrdersCarryOnAndTheLogCatchesUpAfterwards() {
        clickHouse.stop();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(shop.order("outage-" + i, "SKU-OUT-" + i, design));
        }
        orders.forEach(order -> assertThat(shop.finalOrder(order, SETTLED).get("status").asText())
                .isEqualTo("assembled"));

        await().atMost(SETTLED).until(() -> eventLogHealth().path("status").asText().equals("DEGRADED"));
        Http.Response health = shop.http().get("/health");
        assertThat(health.status()).as("a degraded log keeps the service in service").isEqualTo(200);
        assertThat(health.json().at("/details/eventLog/details/buffered").asLong()).isPositive();
        assertThat(health.json().at("/details/eventLog/details/dropped").asLong()).isZero();
        Http.Response view = shop.http().get("/api/logs/kafka_logs");
        assertThat(view.status()).as("reading a log that is down").isEqualTo(503);
        assertThat(view.contentType()).startsWith("application/problem+json");
        assertThat(view.json().get("detail").asText()).contains("clickhouse");

        clickHouse.start();

        await().atMost(SETTLED).until(() -> eventLogHealth().path("status").asText().equals("UP")
                && eventLogHealth().at("/details/buffered").asLong() == 0);
        assertEverythingAccountedFor();
    }

    @Test
    @Order(3)
    void whenTheBufferIsFullEntriesAreDroppedAndCountedAndTheServiceStillWorks() {
        service.close();
        service = startService(Map.of("atelier.event-log.buffer-capacity", "20",
                "atelier.event-log.batch-size", "10"));
        clickHouse.stop();

        String order = shop.order("dropped", "SKU-DROP", design);
        assertThat(shop.finalOrder(order, SETTLED).get("status").asText()).isEqualTo("assembled");

        await().atMost(SETTLED).until(() -> eventLogHealth().at("/details/dropped").asLong() > 0);
        JsonNode degraded = eventLogHealth();
        assertThat(degraded.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(degraded.at("/details/buffered").asLong()).isLessThanOrEqualTo(20 + 10);

        clickHouse.start();

        await().atMost(SETTLED).until(() -> eventLogHealth().path("status").asText().equals("UP")
                && eventLogHealth().at("/details/buffered").asLong() == 0);
        assertThat(eventLogHealth().at("/details/dropped").asLong()).as("drops stay counted").isPositive();
    }

    private JsonNode eventLogHealth() {
        return shop.http().get("/health").json().at("/details/eventLog");
    }

    /** Waits until the consumers have caught up and the log is written, then compares it with the topics. */
    private void assertEverythingAccountedFor() {
        Map<String, Set<String>> topicsByConsumer = topicsByConsumer();
        Set<String> topics = topicsByConsumer.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        await().atMost(SETTLED).until(() -> consumersCaughtUp(topicsByConsumer));
        assertThat(service.context().getBean(EventLog.class).flush(Duration.ofSeconds(30))).isTrue();

        Set<String> allTopics = new HashSet<>(topics);
        allTopics.addAll(endsBeforeStart.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet()));
        Map<String, String> eventIdByPosition = readRecords(allTopics);
        List<JsonNode> rows = kafkaLogs();

        // Produce: every record put on a topic since the service started has one entry, naming that record.
        Map<String, String> produced = new HashMap<>();
        for (JsonNode row : rows) {
            if (row.get("direction").asText().equals("produce")) {
                assertThat(row.get("status").asText()).isEqualTo("success");
                String position = position(row);
                assertThat(produced.put(position, row.get("event_id").asText())).as("produced twice: " + position)
                        .isNull();
            }
        }
        Map<String, String> producedSinceStart = eventIdByPosition.entrySet().stream()
                .filter(record -> !existedBeforeStart(record.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(producedSinceStart).as("the orders produced records").hasSizeGreaterThan(50);
        assertThat(produced).isEqualTo(producedSinceStart);

        // Consume: per consumer, every record of its topics has exactly one final entry.
        topicsByConsumer.forEach((consumer, itsTopics) -> {
            List<String> finals = rows.stream()
                    .filter(row -> row.get("direction").asText().equals("consume")
                            && row.get("consumer_group").asText().equals(consumer)
                            && FINAL_CONSUME_STATUSES.contains(row.get("status").asText()))
                    .map(EventLogAccountingTest::position)
                    .toList();
            Set<String> expected = eventIdByPosition.keySet().stream()
                    .filter(position -> itsTopics.contains(position.substring(0, position.indexOf('/'))))
                    .collect(Collectors.toSet());
            assertThat(expected).as(consumer + " has records to account for").isNotEmpty();
            assertThat(finals).as(consumer + ": one final entry per record").doesNotHaveDuplicates();
            assertThat(Set.copyOf(finals)).as(consumer).isEqualTo(expected);
        });
    }

    private Map<String, Set<String>> topicsByConsumer() {
        Topics topics = service.context().getBean(Topics.class);
        Map<String, Set<String>> byConsumer = new HashMap<>();
        for (EventHandler handler : service.context().getBeansOfType(EventHandler.class)) {
            byConsumer.put(handler.name(),
                    handler.streams().stream().map(topics::topicFor).collect(Collectors.toSet()));
        }
        return byConsumer;
    }

    private boolean consumersCaughtUp(Map<String, Set<String>> topicsByConsumer) throws Exception {
        for (Map.Entry<String, Set<String>> consumer : topicsByConsumer.entrySet()) {
            Map<TopicPartition, Long> ends = endOffsets(consumer.getValue());
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(groupPrefix + consumer.getKey())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                if (end.getValue() > 0 && (at == null || at.offset() < end.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> endOffsets(Set<String> topics) throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(partition ->
                latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private boolean existedBeforeStart(String position) {
        String[] parts = position.split("/");
        Long end = endsBeforeStart.get(new TopicPartition(parts[0], Integer.parseInt(parts[1])));
        return end != null && Long.parseLong(parts[2]) < end;
    }

    /** Every record of the topics, from the start, as topic/partition/offset → its ce_id. */
    private Map<String, String> readRecords(Set<String> topics) {
        Map<TopicPartition, Long> ends;
        try {
            ends = endOffsets(topics);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, String> records = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                assertThat(System.nanoTime()).as("reading the topics").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        var id = record.headers().lastHeader("ce_id");
                        records.put(record.topic() + "/" + record.partition() + "/" + record.offset(),
                                id == null ? "" : new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return records;
    }

    /** Reads the table straight from ClickHouse, not through the service, so the check does not trust it. */
    private List<JsonNode> kafkaLogs() {
        String sql = "SELECT direction, topic, partition, offset, event_id, consumer_group, status FROM " + database
                + ".kafka_logs FINAL FORMAT JSONEachRow";
        HttpRequest request = HttpRequest.newBuilder(clickHouse.url())
                .header("X-ClickHouse-User", ClickHouseTestServer.USER)
                .header("X-ClickHouse-Key", ClickHouseTestServer.PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            List<JsonNode> rows = new ArrayList<>();
            for (String line : response.body().split("\n")) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String position(JsonNode row) {
        return row.get("topic").asText() + "/" + row.get("partition").asInt() + "/" + row.get("offset").asLong();
    }
}
