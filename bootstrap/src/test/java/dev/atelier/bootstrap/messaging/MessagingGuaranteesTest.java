package dev.atelier.bootstrap.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.OutboxRelay;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.embedded.EmbeddedKafkaBroker;
import dev.atelier.bootstrap.testing.Directories;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.ServiceProcess;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The messaging guarantees, shown on the running service with a real PostgreSQL and a Kafka broker of its
 * own (so the broker can be stopped and started without disturbing other tests). A recording consumer
 * writes one row per handled event, in the transaction of its inbox entry, so effects can be counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingGuaranteesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path brokerDir;
    private int brokerPort;
    private EmbeddedKafkaBroker broker;
    private Atelier service;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        brokerDir = Files.createTempDirectory("atelier-guarantees-kafka");
        brokerPort = ServiceProcess.freePort();
        broker = EmbeddedKafkaBroker.start(brokerDir, brokerPort);
        // Consumers start with the service; a handler that finds no table fails, retries and waits, never lost.
        startService();
        try (Connection db = database(); var statement = db.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS test_effects (event_id UUID NOT NULL, event_type TEXT NOT NULL,"
                    + " design_id TEXT NOT NULL, payload TEXT NOT NULL, handled_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())");
        }
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
        Directories.deleteRecursively(brokerDir);
    }

    private void startService() {
        service = SharedInfrastructure.startService(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:" + brokerPort,
                "atelier.test.recording-handler", "true",
                "atelier.messaging.retry.base-delay", "50ms",
                "atelier.messaging.consumer.failure-pause", "200ms",
                "atelier.messaging.relay.failure-pause", "200ms",
                "atelier.messaging.producer.delivery-timeout", "5s",
                // Below the max.message.bytes one test gives a topic: see KafkaEventPublisher on KAFKA-8350.
                "kafka.batch.size", "1024"));
        http = new Http(URI.create(service.server().getURL().toString()));
    }

    private static Connection database() throws SQLException {
        Map<String, Object> infra = SharedInfrastructure.infrastructure().properties();
        return DriverManager.getConnection((String) infra.get("datasources.default.url"),
                (String) infra.get("datasources.default.username"), (String) infra.get("datasources.default.password"));
    }

    private static long count(String sql, Object... parameters) {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Effects recorded for designs of one user, and how many distinct events they came from. */
    private static long[] effectsOfUser(String user) {
        String like = "%\"user_id\":\"" + user + "\"%";
        return new long[] {
                count("SELECT count(*) FROM test_effects WHERE payload LIKE ?", like),
                count("SELECT count(DISTINCT event_id) FROM test_effects WHERE payload LIKE ?", like)};
    }

    private String createDesign(String title, String user) {
        Http.Response created = http.send("POST", "/api/designs",
                "{\"title\":\"" + title + "\",\"user_id\":\"" + user + "\"}", Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void a_broker_outage_loses_nothing_and_duplicates_no_effect() {
        String user = "outage-" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            createDesign("before " + i, user);
        }
        broker.close();
        try {
            for (int i = 0; i < 20; i++) {
                createDesign("during " + i, user);
            }
            assertThat(count("SELECT count(*) FROM outbox WHERE payload LIKE ?",
                    "%\"user_id\":\"" + user + "\"%")).as("accepted while the broker is down, waiting in the outbox")
                    .isPositive();
        } finally {
            broker = EmbeddedKafkaBroker.start(brokerDir, brokerPort);
        }
        for (int i = 0; i < 20; i++) {
            createDesign("after " + i, user);
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> effectsOfUser(user)[1] == 60);
        assertThat(effectsOfUser(user)).containsExactly(60, 60);
    }

    @Test
    void offsets_lost_in_a_crash_mean_redelivery_which_the_inbox_turns_into_nothing() throws Exception {
        String user = "crash-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            createDesign("crash " + i, user);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> effectsOfUser(user)[1] == 5);
        long everyEffectBefore = count("SELECT count(*) FROM test_effects");

        // The service dies; its last offset commits are lost: model that by rewinding the group to the start.
        service.close();
        String group = "atelier." + RecordingHandler.NAME;
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", "127.0.0.1:" + brokerPort))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of("designs")).allTopicNames().get()
                    .get("designs").partitions().stream().map(p -> new TopicPartition("designs", p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> start = partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            long backlog = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            assertThat(backlog).as("everything is redelivered").isGreaterThanOrEqualTo(5);
        }
        startService();
        createDesign("crash after restart", user);

        await().atMost(Duration.ofSeconds(90)).until(() -> effectsOfUser(user)[1] == 6);
        assertThat(effectsOfUser(user)).containsExactly(6, 6);
        assertThat(count("SELECT count(*) FROM test_effects")).as("no event of the whole topic took effect twice")
                .isEqualTo(count("SELECT count(DISTINCT event_id) FROM test_effects"))
                .isGreaterThan(everyEffectBefore);
    }

    @Test
    void a_failing_handler_is_retried_then_parked_with_its_key_and_replayed_after_the_fix() throws Exception {
        String user = "dlq-" + UUID.randomUUID();
        RecordingHandler.failing = true;
        String broken;
        try {
            broken = createDesign("FAIL on purpose", user);
            assertThat(http.send("PUT", "/api/designs/" + broken, "{\"title\":\"FAIL still\"}", Map.of()).status())
                    .isEqualTo(200);
            createDesign("fine", user);

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    http.get("/api/dlq?consumer=" + RecordingHandler.NAME + "&key=" + broken).json().get("total").asInt() == 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> effectsOfUser(user)[0] == 1);
        } finally {
            RecordingHandler.failing = false;
        }
        JsonNode parked = http.get("/api/dlq?consumer=" + RecordingHandler.NAME + "&key=" + broken).json().get("items");
        JsonNode first = parked.get(0);
        assertThat(first.get("attempts").asInt()).isEqualTo(3);
        assertThat(first.get("error").asText()).contains("handler bug");
        assertThat(first.get("event_type").asText()).isEqualTo("design.created");
        assertThat(first.get("original_topic").asText()).isEqualTo("designs");
        assertThat(first.get("status").asText()).isEqualTo("parked");
        assertThat(first.get("headers").get("ce_type").asText()).isEqualTo("design.created");
        assertThat(new String(java.util.Base64.getDecoder().decode(first.get("value_base64").asText()), StandardCharsets.UTF_8))
                .contains("FAIL on purpose");
        assertThat(parked.get(1).get("attempts").asInt()).as("parked behind the first, never tried").isZero();
        assertThat(parked.get(1).get("error").asText()).contains("waiting behind");

        try (TopicReader dlq = new TopicReader("127.0.0.1:" + brokerPort, RecordingHandler.NAME + ".dlq")) {
            List<ConsumerRecord<String, byte[]>> records = dlq.awaitKey(broken, 2);
            JsonNode letter = JSON.readTree(records.get(0).value());
            assertThat(TopicReader.headers(records.get(0))).containsEntry("ce_type", "dead_letter.parked");
            assertThat(letter.get("original_topic").asText()).isEqualTo("designs");
            assertThat(letter.get("consumer").asText()).isEqualTo(RecordingHandler.NAME);
            assertThat(letter.get("attempts").asInt()).isEqualTo(3);
            assertThat(letter.get("original_event_type").asText()).isEqualTo("design.created");
            assertThat(letter.has("original_partition")).isTrue();
            assertThat(letter.has("original_offset")).isTrue();
            assertThat(letter.has("value_base64")).isTrue();
            assertThat(letter.has("failed_at")).isTrue();
        }

        Http.Response replay = http.send("POST", "/api/dlq/" + first.get("id").asText() + "/replay", null, Map.of());
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().get("replayed")).hasSize(2);
        assertThat(replay.json().get("failed")).isEmpty();
        assertThat(effectsOfUser(user)).containsExactly(3, 3);
        assertThat(http.get("/api/dlq/" + first.get("id").asText()).json().get("status").asText()).isEqualTo("replayed");
        assertThat(http.send("POST", "/api/dlq/" + first.get("id").asText() + "/replay", null, Map.of()).status())
                .isEqualTo(409);

        createDesign("after the replay", user);
        await().atMost(Duration.ofSeconds(60)).until(() -> effectsOfUser(user)[0] == 4);

        // The event log tells the first message's story for this consumer: two retries, parked, replayed.
        String eventId = first.get("event_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> logStatusesOf(eventId).contains("replayed"));
        assertThat(logStatusesOf(eventId)).containsExactlyInAnyOrder("retried", "retried", "dlq", "replayed");
    }

    private List<String> logStatusesOf(String eventId) {
        JsonNode page = http.get("/api/logs/kafka_logs?direction=consume&limit=1000&consumer_group="
                + RecordingHandler.NAME).json();
        List<String> statuses = new java.util.ArrayList<>();
        page.get("entries").forEach(entry -> {
            if (entry.get("event_id").asText().equals(eventId)) {
                statuses.add(entry.get("status").asText());
            }
        });
        return statuses;
    }

    @Test
    void a_poison_message_is_parked_unread_and_can_be_discarded() {
        String key = "poison-" + UUID.randomUUID();
        Properties config = new Properties();
        config.put("bootstrap.servers", "127.0.0.1:" + brokerPort);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("designs", key, "{\"this is\": not json".getBytes(StandardCharsets.UTF_8)));
        }
        String user = "after-poison-" + UUID.randomUUID();
        createDesign("after the poison", user);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                http.get("/api/dlq?consumer=" + RecordingHandler.NAME + "&key=" + key).json().get("total").asInt() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> effectsOfUser(user)[0] == 1);
        JsonNode letter = http.get("/api/dlq?consumer=" + RecordingHandler.NAME + "&key=" + key).json().get("items").get(0);
        assertThat(letter.get("error").asText()).startsWith("unreadable message");
        assertThat(letter.get("event_type").isNull()).isTrue();

        Http.Response byFilter = http.send("POST", "/api/dlq/replay",
                "{\"consumer\":\"" + RecordingHandler.NAME + "\",\"key\":\"" + key + "\"}", Map.of());
        assertThat(byFilter.status()).as(byFilter.body()).isEqualTo(200);
        assertThat(byFilter.json().get("failed").get(0).get("error").asText()).startsWith("still unreadable");
        Http.Response all = http.send("POST", "/api/dlq/replay", null, Map.of());
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(http.get("/api/dlq?consumer=" + RecordingHandler.NAME + "&key=" + key + "&topic=&event_type=")
                .json().get("total").asInt()).as("still parked: it cannot be read").isEqualTo(1);

        assertThat(http.send("DELETE", "/api/dlq/" + letter.get("id").asText(), null, Map.of()).status()).isEqualTo(204);
        assertThat(http.get("/api/dlq/" + letter.get("id").asText()).json().get("status").asText()).isEqualTo("discarded");
        assertThat(http.get("/api/dlq?consumer=" + RecordingHandler.NAME + "&key=" + key).json().get("total").asInt())
                .isZero();
        assertThat(http.get("/api/dlq/not-a-uuid").status()).isEqualTo(400);
        assertThat(http.get("/api/dlq/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    /**
     * PostgreSQL's text cannot hold a NUL character, and any producer may send one in a key or a header: the
     * message is parked and logged with U+FFFD in its place, and the consumer goes on with the messages after it.
     */
    @Test
    void a_message_with_nul_characters_in_its_key_and_headers_is_parked_and_logged_and_the_consumer_goes_on() {
        String key = "nul-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("designs", key + "\0",
                "{\"order_id\": \"order\\u0000\"}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", "not\0an id".getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-note", "a\0b".getBytes(StandardCharsets.UTF_8));
        Properties config = new Properties();
        config.put("bootstrap.servers", "127.0.0.1:" + brokerPort);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record);
        }
        String user = "after-nul-" + UUID.randomUUID();
        createDesign("after the NUL", user);

        String storedKey = key + "\uFFFD";
        String byKey = "/api/dlq?consumer=" + RecordingHandler.NAME + "&key="
                + URLEncoder.encode(storedKey, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get(byKey).json().get("total").asInt() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> effectsOfUser(user)[0] == 1);
        JsonNode letter = http.get(byKey).json().get("items").get(0);
        assertThat(letter.get("error").asText()).startsWith("unreadable message");
        assertThat(letter.get("headers").get("x-note").asText()).isEqualTo("a\uFFFDb");
        assertThat(letter.get("headers").get("ce_id").asText()).isEqualTo("not\uFFFDan id");
        assertThat(count("SELECT count(*) FROM dead_letters WHERE consumer = ? AND message_key = ? AND order_id = ?",
                RecordingHandler.NAME, storedKey, "order\uFFFD")).as("the order id read from the payload").isEqualTo(1);

        String logged = "/api/logs/kafka_logs?consumer_group=" + RecordingHandler.NAME + "&status=dlq&limit=1000";
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode entry : http.get(logged).json().get("entries")) {
                if (entry.get("message_key").asText().equals(storedKey)) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void an_event_the_broker_refuses_holds_back_only_its_own_key_and_nothing_is_sent_twice() throws Exception {
        String user = "refused-" + UUID.randomUUID();
        String random = incompressible(7);
        try (TopicReader topic = new TopicReader("127.0.0.1:" + brokerPort, "designs")) {
            try (DesignsTopicLimit limit = new DesignsTopicLimit(2048)) {
                Http.Response created = http.send("POST", "/api/designs", "{\"title\":\"Too big\",\"user_id\":\""
                        + user + "\",\"description\":\"" + random + "\"}", Map.of());
                assertThat(created.status()).isEqualTo(201);
                String refused = created.json().get("id").asText();
                String before = createDesign("after the refused one", user);
                topic.awaitKey(before, 1);
                assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_key = ?", refused))
                        .as("the broker refused design.created; it waits in the outbox").isEqualTo(1);

                assertThat(http.send("PUT", "/api/designs/" + refused, "{\"title\":\"Smaller\",\"description\":"
                        + "\"short now\"}", Map.of()).status()).isEqualTo(200);
                List<String> others = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    others.add(createDesign("meanwhile " + i, user));
                    Thread.sleep(300);
                }
                topic.await(records -> others.stream()
                        .allMatch(id -> records.stream().anyMatch(r -> id.equals(r.key()))));
                assertThat(topic.readToEnd().stream().filter(r -> refused.equals(r.key()))
                        .map(r -> TopicReader.headers(r).get("ce_type")))
                        .as("rounds went on for other keys; the key's later, smaller event was held back unsent")
                        .isEmpty();
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count("SELECT count(*) FROM outbox WHERE payload LIKE ?", "%" + user + "%") == 0);
            List<String> types = topic.readToEnd().stream().filter(r -> TopicReader.value(r).contains("Smaller")
                            || TopicReader.value(r).contains("Too big"))
                    .map(r -> TopicReader.headers(r).get("ce_type")).toList();
            assertThat(types).as("once the topic takes it: the refused event, then the one behind it, each once")
                    .containsExactly("design.created", "design.updated");
        }
    }

    @Test
    void a_keys_later_event_in_the_same_batch_as_its_refused_one_is_not_sent_ahead_of_it() throws Exception {
        String user = "same-batch-" + UUID.randomUUID();
        String random = incompressible(13);
        try (TopicReader topic = new TopicReader("127.0.0.1:" + brokerPort, "designs")) {
            String refused;
            try (DesignsTopicLimit limit = new DesignsTopicLimit(2048)) {
                try (Connection relayLock = database(); var statement = relayLock.createStatement()) {
                    relayLock.setAutoCommit(false);
                    // The relay's lock (JdbcOutbox.RELAY_LOCK): while this transaction holds it no relay publishes,
                    // so the two events below wait together and go into one batch.
                    statement.execute("SELECT pg_advisory_xact_lock(" + 0x617465_6c696572L + ")");
                    refused = http.send("POST", "/api/designs", "{\"title\":\"Oversized\",\"user_id\":\"" + user
                            + "\",\"description\":\"" + random + "\"}", Map.of()).json().get("id").asText();
                    assertThat(http.send("PUT", "/api/designs/" + refused, "{\"title\":\"Trimmed\",\"description\":"
                            + "\"short now\"}", Map.of()).status()).isEqualTo(200);
                    assertThat(waitingOfKey(refused)).as("both wait, untried, for the relay's next batch")
                            .extracting(event -> event.get("event_type").asText() + "/" + event.get("failed_attempts"))
                            .containsExactly("design.created/0", "design.updated/0");
                    relayLock.rollback();
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    List<JsonNode> waiting = waitingOfKey(refused);
                    assertThat(waiting).as("the broker refused the oversized event; it waits in the outbox").isNotEmpty();
                    return waiting.get(0).get("failed_attempts").asInt() >= 1;
                });
                String after = createDesign("after the refused one", user);
                topic.awaitKey(after, 1);
                assertThat(topic.readToEnd().stream().filter(r -> refused.equals(r.key())))
                        .as("the batch's later event of the key stayed unsent rather than land ahead of the refused one")
                        .isEmpty();
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count("SELECT count(*) FROM outbox WHERE payload LIKE ?", "%" + user + "%") == 0);
            assertThat(topic.readToEnd().stream().filter(r -> refused.equals(r.key()))
                    .map(r -> TopicReader.headers(r).get("ce_type")))
                    .as("once the topic takes it: the refused event, then the one behind it, each once")
                    .containsExactly("design.created", "design.updated");
        }
    }

    @Test
    void an_operator_parks_an_event_the_broker_refuses_and_replays_it_once_the_topic_takes_it() throws Exception {
        String user = "parked-" + UUID.randomUUID();
        String random = incompressible(11);
        try (TopicReader topic = new TopicReader("127.0.0.1:" + brokerPort, "designs");
             TopicReader deadLetters = new TopicReader("127.0.0.1:" + brokerPort, "outbox.dlq")) {
            String refused;
            String deadLetterId;
            try (DesignsTopicLimit limit = new DesignsTopicLimit(2048)) {
                refused = http.send("POST", "/api/designs", "{\"title\":\"Too big\",\"user_id\":\"" + user
                        + "\",\"description\":\"" + random + "\"}", Map.of()).json().get("id").asText();
                assertThat(http.send("PUT", "/api/designs/" + refused, "{\"title\":\"Smaller\",\"description\":"
                        + "\"short now\"}", Map.of()).status()).isEqualTo(200);
                JsonNode waiting = await().atMost(Duration.ofSeconds(30)).until(() -> waitingOfKey(refused).get(0),
                        event -> event.get("failed_attempts").asInt() >= 1);
                assertThat(waiting.get("event_type").asText()).isEqualTo("design.created");
                assertThat(waiting.get("last_error").asText()).as("why, from any instance").isNotBlank();
                assertThat(waiting.get("payload_bytes").asInt()).isGreaterThan(5_000);

                Http.Response parked = http.send("POST", "/api/outbox/" + waiting.get("position").asLong() + "/park",
                        null, Map.of());

                assertThat(parked.status()).as(parked.body()).isEqualTo(200);
                assertThat(parked.json().get("consumer").asText()).isEqualTo("outbox");
                assertThat(parked.json().get("error").asText()).contains("parked by an operator");
                deadLetterId = parked.json().get("id").asText();
                topic.awaitKey(refused, 1);
                assertThat(topic.readToEnd().stream().filter(r -> refused.equals(r.key()))
                        .map(r -> TopicReader.headers(r).get("ce_type")))
                        .as("the key's later event goes out once the one holding it up is parked")
                        .containsExactly("design.updated");
                assertThat(deadLetters.awaitKey(refused, 1)).as("a record on the outbox's dead-letter topic").hasSize(1);
                assertThat(http.get("/api/dlq?consumer=outbox&key=" + refused).json().get("items").get(0).get("id")
                        .asText()).isEqualTo(deadLetterId);
                assertThat(http.send("POST", "/api/outbox/" + waiting.get("position").asLong() + "/park", null,
                        Map.of()).status()).as("no longer waiting").isEqualTo(404);
                assertThat(http.send("POST", "/api/outbox/first/park", null, Map.of()).status()).isEqualTo(400);
            }

            Http.Response replayed = http.send("POST", "/api/dlq/" + deadLetterId + "/replay", null, Map.of());

            assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
            topic.awaitKey(refused, 2);
            assertThat(topic.readToEnd().stream().filter(r -> refused.equals(r.key()))
                    .map(r -> TopicReader.headers(r).get("ce_type")))
                    .as("replayed: back in the outbox, published once the topic takes it")
                    .containsExactly("design.updated", "design.created");
            assertThat(http.get("/api/dlq/" + deadLetterId).json().get("status").asText()).isEqualTo("replayed");
        }
    }

    private List<JsonNode> waitingOfKey(String key) {
        List<JsonNode> waiting = new ArrayList<>();
        http.get("/api/outbox?limit=1000").json().get("items").forEach(event -> {
            if (key.equals(event.get("key").asText())) {
                waiting.add(event);
            }
        });
        return waiting;
    }

    /** 5,000 random letters: more than a 2 KB topic takes even compressed. */
    private static String incompressible(long seed) {
        return new java.util.Random(seed).ints(5_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * A {@code max.message.bytes} on the designs topic while it is open; closing it lifts the limit. With
     * try-with-resources, a failure to lift it is added to a failing test's own failure instead of hiding it.
     */
    private final class DesignsTopicLimit implements AutoCloseable {

        private final AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", "127.0.0.1:" + brokerPort));
        private final ConfigResource designs = new ConfigResource(ConfigResource.Type.TOPIC, "designs");

        DesignsTopicLimit(int bytes) throws Exception {
            try {
                set(bytes);
            } catch (Exception | AssertionError e) {
                admin.close();
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            try {
                set(null);
            } finally {
                admin.close();
            }
        }

        /**
         * Sets the limit (null: back to the broker's default) and waits until the broker reports it: the controller
         * accepts the change before the broker applies it, and a record sent in between is judged by the old limit.
         */
        private void set(Integer bytes) throws Exception {
            AlterConfigOp change = bytes == null
                    ? new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)
                    : new AlterConfigOp(new ConfigEntry("max.message.bytes", bytes.toString()), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(designs, List.of(change))).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                ConfigEntry limit = admin.describeConfigs(List.of(designs)).all().get(30, TimeUnit.SECONDS)
                        .get(designs).get("max.message.bytes");
                return bytes == null ? limit.isDefault() : limit.value().equals(bytes.toString());
            });
        }
    }

    @Test
    void two_relays_on_one_database_publish_each_event_once_and_in_order_per_key() throws Exception {
        String user = "relays-" + UUID.randomUUID();
        List<String> designs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            designs.add(createDesign("contended " + i, user));
        }
        var context = service.context();
        OutboxRelay second = new OutboxRelay(context.getBean(UnitOfWork.class), context.getBean(PendingEvents.class),
                context.getBean(EventPublisher.class), 20);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(7);
        Future<?> secondRelay = threads.submit(() -> {
            while (running.get()) {
                second.relayOnce();
            }
        });
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            int writer = w;
            writers.add(threads.submit(() -> {
                int accepted = 0;
                for (int round = 0; round < 15; round++) {
                    String id = designs.get((writer + round) % designs.size());
                    if (http.send("PUT", "/api/designs/" + id, "{\"title\":\"w" + writer + " r" + round + "\"}", Map.of())
                            .status() == 200) {
                        accepted++;
                    }
                }
                return accepted;
            }));
        }
        int accepted = 0;
        for (Future<Integer> writer : writers) {
            accepted += writer.get(120, TimeUnit.SECONDS);
        }
        assertThat(accepted).as("concurrent writes, some lost the optimistic race").isPositive();
        Map<String, Long> finalVersions = new HashMap<>();
        for (String id : designs) {
            finalVersions.put(id, http.get("/api/designs/" + id).json().get("version").asLong());
        }
        long expectedEvents = finalVersions.values().stream().mapToLong(Long::longValue).sum();

        try (TopicReader topic = new TopicReader("127.0.0.1:" + brokerPort, "designs")) {
            List<ConsumerRecord<String, byte[]>> all = topic.await(records -> records.stream()
                    .filter(r -> designs.contains(r.key())).count() >= expectedEvents);
            running.set(false);
            secondRelay.get(30, TimeUnit.SECONDS);
            for (String id : designs) {
                List<Long> versions = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : all) {
                    if (id.equals(record.key())) {
                        versions.add(JSON.readTree(record.value()).get("version").asLong());
                    }
                }
                List<Long> expected = java.util.stream.LongStream.rangeClosed(1, finalVersions.get(id)).boxed().toList();
                assertThat(versions).as("events of " + id + ": every version once, in order").isEqualTo(expected);
            }
        } finally {
            running.set(false);
            threads.shutdownNow();
        }
    }

    @Test
    void a_non_java_client_reads_the_envelope_and_the_trace_continues_from_the_request() throws Exception {
        assertThat(kcatInstalled()).as("kcat must be installed (.ci/run installs it)").isTrue();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Http.Response created = http.send("POST", "/api/designs", "{\"title\":\"Traced\",\"user_id\":\"kcat\"}",
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01", "X-Correlation-Id", "corr-kcat-1"));
        String id = created.json().get("id").asText();
        try (TopicReader topic = new TopicReader("127.0.0.1:" + brokerPort, "designs")) {
            topic.awaitKey(id, 1);
        }

        Process kcat = new ProcessBuilder("kcat", "-b", "127.0.0.1:" + brokerPort, "-C", "-t", "designs", "-o",
                "beginning", "-e", "-q", "-J").redirectErrorStream(false).start();
        String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode record = null;
        for (String line : output.split("\n")) {
            if (!line.isBlank() && JSON.readTree(line).path("key").asText().equals(id)) {
                record = JSON.readTree(line);
            }
        }
        assertThat(record).as("kcat saw the event of " + id).isNotNull();
        Map<String, String> headers = new HashMap<>();
        JsonNode pairs = record.get("headers");
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            headers.put(pairs.get(i).asText(), pairs.get(i + 1).asText());
        }
        assertThat(headers).containsEntry("ce_specversion", "1.0").containsEntry("ce_type", "design.created")
                .containsEntry("ce_subject", id).containsEntry("content-type", "application/json")
                .containsEntry("ce_correlationid", "corr-kcat-1");
        assertThat(headers.get("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(JSON.readTree(record.get("payload").asText()).get("design_id").asText()).isEqualTo(id);
    }

    private static boolean kcatInstalled() {
        try {
            return new ProcessBuilder("kcat", "-V").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
