package dev.atelier.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.messaging.RecordingHandler;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.Shop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operator CLI against a running service on the shared PostgreSQL and Kafka: the doctor with everything up
 * and with each dependency down, topics, the dead-letter queue and the event log. The commands run in this JVM
 * through the CLI's entry point; the service is a separate context, as it would be a separate process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The service's own settings, which the CLI shares: the same consumers, hence the same DLQ topics. */
    private static final Map<String, Object> SERVICE_SETTINGS = Map.of(
            "atelier.sandbox.enabled", "true",
            "atelier.test.recording-handler", "true",
            "atelier.messaging.retry.base-delay", "50ms");

    private Atelier service;
    private Http http;
    private Shop shop;

    /*
     * The recording consumer writes to test_effects and, being new to the shared broker, starts with the designs
     * events earlier tests left there, so the table must exist before the service starts. On a database no
     * service has migrated yet it cannot (Flyway refuses a non-empty schema without its history), but then
     * no events exist either, and it is created right after.
     */
    @BeforeAll
    void start() throws SQLException {
        boolean migrated = tableExists("flyway_schema_history");
        if (migrated) {
            createEffectsTable();
        }
        service = SharedInfrastructure.startService(SERVICE_SETTINGS);
        if (!migrated) {
            createEffectsTable();
        }
        http = new Http(URI.create(service.server().getURL().toString()));
        shop = new Shop(http);
    }

    private static void createEffectsTable() throws SQLException {
        try (Connection db = database(); var statement = db.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS test_effects (event_id UUID NOT NULL, event_type TEXT NOT NULL,"
                    + " design_id TEXT NOT NULL, payload TEXT NOT NULL, handled_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())");
        }
    }

    private static boolean tableExists(String table) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    @AfterAll
    void stop() {
        RecordingHandler.failing = false;
        if (service != null) {
            service.close();
        }
    }

    private static Cli.Result atelier(String... args) {
        return atelier(Map.of(), args);
    }

    private static Cli.Result atelier(Map<String, Object> settings, String... args) {
        Map<String, Object> all = new HashMap<>(SERVICE_SETTINGS);
        all.putAll(settings);
        return Cli.run(all, args);
    }

    // ---- doctor

    @Test
    void doctor_passes_every_check_against_a_running_service() {
        Cli.Result doctor = atelier("doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isZero();
        assertThat(doctor.check("postgresql")).startsWith("[ OK ] postgresql jdbc:postgresql://127.0.0.1:")
                .contains("schema version");
        assertThat(doctor.check("kafka")).startsWith("[ OK ] kafka 127.0.0.1:").endsWith("(1 broker)");
        assertThat(doctor.check("topics")).startsWith("[ OK ] topics (all ");
        assertThat(doctor.check("consumer lag")).startsWith("[ OK ] consumer lag");
        assertThat(doctor.out()).contains("atelier.orders-designs", "atelier." + RecordingHandler.NAME);
        assertThat(doctor.check("event log")).startsWith("[ OK ] event log postgresql");
        assertThat(doctor.err()).isEmpty();
    }

    @Test
    void doctor_with_kafka_down_fails_on_kafka_while_the_database_checks_pass() {
        int down = Cli.closedPort();
        Cli.Result doctor = atelier(Map.of("kafka.bootstrap.servers", "127.0.0.1:" + down), "doctor", "--timeout=2");

        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(AtelierCli.FAILED);
        assertThat(doctor.check("kafka")).startsWith("[FAIL] kafka 127.0.0.1:" + down + ": ")
                .contains("no broker", "answered within 2s");
        assertThat(doctor.check("topics")).startsWith("[FAIL]");
        assertThat(doctor.check("consumer lag")).startsWith("[FAIL]");
        assertThat(doctor.check("postgresql")).startsWith("[ OK ]");
        assertThat(doctor.check("event log")).startsWith("[ OK ]");
    }

    @Test
    void doctor_with_postgresql_unreachable_fails_on_the_database_while_the_kafka_checks_pass() {
        int down = Cli.closedPort();
        Cli.Result doctor = atelier(Map.of("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + down + "/atelier"),
                "doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(AtelierCli.FAILED);
        assertThat(doctor.check("postgresql")).startsWith("[FAIL] postgresql jdbc:postgresql://127.0.0.1:" + down)
                .contains("refused");
        // Without CLICKHOUSE_URL the event log is kept in that same database.
        assertThat(doctor.check("event log")).startsWith("[FAIL] event log postgresql").contains("refused");
        assertThat(doctor.check("kafka")).startsWith("[ OK ]");
        assertThat(doctor.check("topics")).startsWith("[ OK ]");
        assertThat(doctor.check("consumer lag")).startsWith("[ OK ]");
    }

    @Test
    void doctor_with_clickhouse_unreachable_fails_on_the_event_log_only() {
        int down = Cli.closedPort();
        Cli.Result doctor = atelier(Map.of("atelier.event-log.clickhouse.url", "http://127.0.0.1:" + down), "doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(AtelierCli.FAILED);
        assertThat(doctor.check("event log")).startsWith("[FAIL] event log clickhouse http://127.0.0.1:" + down);
        assertThat(doctor.lines()).filteredOn(line -> line.startsWith("[FAIL]")).hasSize(1);
        assertThat(doctor.lines()).filteredOn(line -> line.startsWith("[ OK ]")).hasSize(4);
    }

    @Test
    void doctor_finds_the_embedded_servers_of_a_running_service_from_their_ports_alone() {
        Map<String, Object> shared = SharedInfrastructure.infrastructure().properties();
        String kafkaPort = String.valueOf(shared.get("kafka.bootstrap.servers")).replaceAll(".*:", "");
        String postgresPort = String.valueOf(shared.get("datasources.default.url")).replaceAll(".*:(\\d+)/.*", "$1");

        Cli.Result doctor = Cli.run(Map.of("ATELIER_EMBEDDED_KAFKA_PORT", kafkaPort,
                "ATELIER_EMBEDDED_POSTGRES_PORT", postgresPort), Map.of(), "doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isZero();
        assertThat(doctor.check("kafka")).isEqualTo("[ OK ] kafka 127.0.0.1:" + kafkaPort + " (1 broker)");
        assertThat(doctor.check("postgresql")).startsWith("[ OK ] postgresql jdbc:postgresql://127.0.0.1:" + postgresPort);
        assertThat(doctor.out()).as("the sandbox is on in the embedded mode").contains("atelier.sandbox-inventory");
    }

    // ---- topics

    @Test
    void topics_list_shows_a_missing_topic_and_topics_create_makes_it_as_configured() throws Exception {
        String topic = "cli-audit-" + UUID.randomUUID();
        Map<String, Object> withOneMore = Map.of(
                "atelier.messaging.topics.cli-audit.name", topic,
                "atelier.messaging.topics.cli-audit.partitions", "2");

        Cli.Result before = atelier(withOneMore, "topics", "list");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.out()).containsPattern(topic + " +2/- +1/- +missing")
                .containsPattern("designs +3/3 +1/1 +ok")
                .contains(RecordingHandler.NAME + ".dlq", "1 missing");

        Cli.Result create = atelier(withOneMore, "topics", "create");
        assertThat(create.exitCode()).as(create.toString()).isZero();
        assertThat(create.out()).isEqualTo("created " + topic + " (2 partitions, replication factor 1)\n");
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()))) {
            TopicDescription created = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic);
            assertThat(created.partitions()).hasSize(2);
        }

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(atelier(withOneMore, "topics", "list").out()).containsPattern(topic + " +2/2 +1/1 +ok"));
        Cli.Result again = atelier(withOneMore, "topics", "create");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("nothing to create: all ");
    }

    // ---- dlq

    @Test
    void a_parked_message_is_listed_shown_and_replayed_after_the_fix_and_a_hopeless_one_discarded() throws Exception {
        String user = "cli-dlq-" + UUID.randomUUID();
        RecordingHandler.failing = true;
        String fixable;
        String hopeless;
        try {
            fixable = createDesign("FAIL until fixed", user);
            hopeless = createDesign("FAIL for good", user);
            for (String key : List.of(fixable, hopeless)) {
                await().atMost(PATIENCE).until(() ->
                        atelier("dlq", "list", "--consumer=" + RecordingHandler.NAME, "--key=" + key, "--json").lines().size() == 1);
            }

            Cli.Result list = atelier("dlq", "list", "--consumer=" + RecordingHandler.NAME, "--key=" + fixable);
            assertThat(list.exitCode()).as(list.toString()).isZero();
            assertThat(list.lines().get(0)).startsWith("ID").contains("CONSUMER", "EVENT_TYPE", "ATTEMPTS", "ERROR");
            assertThat(list.lines()).hasSize(2);
            assertThat(list.lines().get(1)).contains(RecordingHandler.NAME, "designs/", "design.created", "parked",
                    "handler bug");
            String letter = list.lines().get(1).split(" ")[0];

            Cli.Result show = atelier("dlq", "show", letter);
            assertThat(show.exitCode()).as(show.toString()).isZero();
            assertThat(show.out()).contains("status     parked", "consumer   " + RecordingHandler.NAME,
                    "key        " + fixable, "attempts   3", "handler bug", "ce_type: design.created",
                    "FAIL until fixed");
            JsonNode document = JSON.readTree(atelier("dlq", "show", letter, "--json").out());
            assertThat(document.get("original_topic").asText()).isEqualTo("designs");
            assertThat(document.get("value_base64").asText()).isNotBlank();

            Cli.Result stillBroken = atelier("dlq", "replay", "--all", "--consumer=" + RecordingHandler.NAME,
                    "--key=" + hopeless);
            assertThat(stillBroken.exitCode()).as(stillBroken.toString()).isEqualTo(AtelierCli.FAILED);
            assertThat(stillBroken.out()).contains("failed ", "handler bug", "0 replayed, 1 failed again");
        } finally {
            RecordingHandler.failing = false;
        }

        String letter = atelier("dlq", "list", "--key=" + fixable, "--json").lines().stream()
                .map(OperatorCliTest::json).findFirst().orElseThrow().get("id").asText();
        Cli.Result replay = atelier("dlq", "replay", letter);
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out()).contains("replayed " + letter, "1 replayed, 0 failed");
        assertThat(effectsOf(fixable)).as("the consumer's handler ran, once").isEqualTo(1);
        assertThat(atelier("dlq", "show", letter).out()).contains("status     replayed");

        Cli.Result twice = atelier("dlq", "replay", letter);
        assertThat(twice.exitCode()).as(twice.toString()).isEqualTo(AtelierCli.FAILED);
        assertThat(twice.err()).contains("only a parked message can be replayed");

        String hopelessLetter = atelier("dlq", "list", "--key=" + hopeless, "--json").lines().stream()
                .map(OperatorCliTest::json).findFirst().orElseThrow().get("id").asText();
        Cli.Result discard = atelier("dlq", "discard", hopelessLetter);
        assertThat(discard.exitCode()).as(discard.toString()).isZero();
        assertThat(discard.out()).isEqualTo("discarded " + hopelessLetter + "\n");
        assertThat(atelier("dlq", "list", "--key=" + hopeless).out()).startsWith("no parked dead letters match");
        assertThat(atelier("dlq", "list", "--key=" + hopeless, "--status=discarded").out()).contains(hopelessLetter);
        assertThat(effectsOf(hopeless)).isZero();

        Cli.Result unknown = atelier("dlq", "show", UUID.randomUUID().toString());
        assertThat(unknown.exitCode()).isEqualTo(AtelierCli.FAILED);
        assertThat(unknown.err()).contains("not found");
    }

    // ---- outbox

    /** JdbcOutbox.RELAY_LOCK: held for a session, it keeps every relay from publishing until it is let go. */
    private static final long RELAY_LOCK = 0x617465_6c696572L;

    @Test
    void a_waiting_event_is_listed_and_parked_to_the_dead_letter_queue() throws Exception {
        String design;
        try (Connection holder = database(); var statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + RELAY_LOCK + ")");
            try {
                Http.Response created = http.send("POST", "/api/designs", "{\"title\":\"Held\",\"user_id\":\"cli-outbox-"
                        + UUID.randomUUID() + "\"}", Map.of());
                design = created.json().get("id").asText();

                Cli.Result list = atelier("outbox", "list", "--limit=1000");
                assertThat(list.exitCode()).as(list.err()).isZero();
                String row = list.lines().stream().filter(line -> line.contains(design)).findFirst().orElseThrow();
                assertThat(row).contains("design.created").contains("designs");
                String position = row.strip().split("\\s+")[0];

                Cli.Result park = atelier("outbox", "park", position);
                assertThat(park.exitCode()).as(park.err()).isZero();
                assertThat(park.out()).contains("parked design.created").contains(design);
                assertThat(atelier("outbox", "list", "--limit=1000").lines()).filteredOn(line -> line.contains(design))
                        .as("the event is gone; its dead-letter record waits for the relay in its place")
                        .singleElement().asString().contains("dead_letter.parked").contains("dlq.outbox");
                assertThat(atelier("dlq", "list", "--consumer=outbox", "--key=" + design).out())
                        .contains("design.created").contains("parked by an operator");
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + RELAY_LOCK + ")");
            }
        }
        Cli.Result gone = atelier("outbox", "park", "999999999999");
        assertThat(gone.exitCode()).isEqualTo(AtelierCli.FAILED);
        assertThat(gone.err()).contains("not found");
    }

    // ---- logs

    @Test
    void the_event_log_of_orders_that_ran_through_the_service_can_be_viewed_and_counted() {
        String design = shop.approvedDesign();
        String order = shop.order("cli-logs-" + UUID.randomUUID(), "MUG-1", design);
        assertThat(shop.finalOrder(order, PATIENCE).get("status").asText()).isEqualTo("assembled");

        await().atMost(PATIENCE).until(() ->
                atelier("logs", "view", "kafka_logs", "--status=success", "--limit=5").lines().size() == 6);
        Cli.Result view = atelier("logs", "view", "kafka_logs", "--status=success", "--limit=5");
        assertThat(view.exitCode()).as(view.toString()).isZero();
        assertThat(view.lines().get(0)).startsWith("LOGGED_AT").contains("DIRECTION", "STATUS", "TOPIC", "EVENT_TYPE",
                "CONSUMER_GROUP", "LATENCY_MS");
        assertThat(view.lines().subList(1, 6)).allSatisfy(line -> assertThat(line).contains(" success "));

        await().atMost(PATIENCE).until(() -> atelier("logs", "view", "kafka_logs", "--event-type=order.assembled",
                "--direction=consume", "--json", "--limit=1000").out().contains(order));
        List<JsonNode> lines = atelier("logs", "view", "kafka_logs", "--status=success", "--limit=5", "--json")
                .lines().stream().map(OperatorCliTest::json).toList();
        assertThat(lines).hasSize(5).allSatisfy(line -> assertThat(line.get("status").asText()).isEqualTo("success"));
        assertThat(lines.get(0).get("logged_at").asText()).isGreaterThanOrEqualTo(lines.get(4).get("logged_at").asText());

        Cli.Result stats = atelier("logs", "stats");
        assertThat(stats.exitCode()).as(stats.toString()).isZero();
        assertThat(stats.out()).containsPattern("kafka_logs: \\d+ entries")
                .containsPattern("latency_ms over \\d+: p50 \\d+, p95 \\d+, p99 \\d+, max \\d+")
                .contains("STATUS", "success", "TOPIC", "orders", "DIRECTION", "produce", "consume");

        JsonNode successes = json(atelier("logs", "stats", "--table=kafka_logs", "--status=success",
                "--topic=orders", "--json").out());
        assertThat(successes.get("total").asLong()).isPositive();
        assertThat(successes.at("/counts_by/status").size()).isEqualTo(1);
        assertThat(successes.at("/counts_by/status/success").asLong()).isEqualTo(successes.get("total").asLong());
        assertThat(successes.at("/latency/p99").asLong()).isLessThanOrEqualTo(successes.at("/latency/max").asLong());
    }

    // ---- helpers

    private String createDesign(String title, String user) {
        Http.Response created = http.send("POST", "/api/designs",
                "{\"title\":\"" + title + "\",\"user_id\":\"" + user + "\"}", Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    private static Connection database() throws SQLException {
        Map<String, Object> infra = SharedInfrastructure.infrastructure().properties();
        return DriverManager.getConnection((String) infra.get("datasources.default.url"),
                (String) infra.get("datasources.default.username"), (String) infra.get("datasources.default.password"));
    }

    private static long effectsOf(String designId) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM test_effects WHERE design_id = ?")) {
            query.setString(1, designId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
