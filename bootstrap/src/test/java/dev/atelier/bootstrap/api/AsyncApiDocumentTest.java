package dev.atelier.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.adapters.kafka.TopicDefinition;
import dev.atelier.adapters.kafka.Topics;
import dev.atelier.application.messaging.EventHandler;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.Shop;
import dev.atelier.bootstrap.testing.TopicReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The AsyncAPI document held against what is really on the topics: the flows of every sandbox trigger, a
 * design's whole life, a notification request and a poisoned message run through the service, then every
 * record of every topic (these and whatever earlier tests left there) must be a message the document lists
 * for that topic, with the headers it requires and a payload of exactly its schema's shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncApiDocumentTest {

    /** Documented for real participants; the sandbox never refuses to release stock. */
    private static final Set<String> NOT_PRODUCED_HERE = Set.of("inventory.release.failed");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Atelier service;
    private Http http;
    private JsonNode document;

    @BeforeAll
    void start() throws Exception {
        service = SharedInfrastructure.startService(Map.of(
                "atelier.sandbox.enabled", "true",
                "atelier.sagas.step-timeout", "1s"));
        http = new Http(URI.create(service.server().getURL().toString()));
        Http.Response served = http.get("/asyncapi/atelier-1.0.yml");
        assertThat(served.status()).isEqualTo(200);
        document = JSON.valueToTree(new Yaml().load(served.body()));
        runEveryFlow();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private void runEveryFlow() throws Exception {
        Shop shop = new Shop(http);
        String design = shop.approvedDesign();
        String draft = http.send("POST", "/api/designs", "{\"title\": \"Draft\", \"user_id\": \"asyncapi\"}", Map.of())
                .json().get("id").asText();
        assertThat(http.send("PUT", "/api/designs/" + draft, "{\"title\": \"Draft 2\"}", Map.of("If-Match", "\"1\""))
                .status()).isEqualTo(200);
        assertThat(http.send("DELETE", "/api/designs/" + draft, null, Map.of()).status()).isEqualTo(204);

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> orders = new ArrayList<>();
        orders.add(shop.order("asyncapi-" + run, "MUG-" + run, design));
        orders.add(shop.order("asyncapi-" + run, "OOS-" + run, design));
        orders.add(shop.order("decline-" + run, "MUG-" + run, design));
        orders.add(shop.order("asyncapi-" + run, "FAILASM-" + run, design));
        orders.add(shop.order("norefund-" + run, "FAILASM-" + run, design));
        orders.add(shop.order("asyncapi-" + run, "SILENT-" + run, design));
        String canceled = shop.order("asyncapi-" + run, "SILENT-" + run + "-2", design);
        orders.add(canceled);
        await().atMost(Duration.ofSeconds(30)).until(() -> shop.orderNow(canceled).get("status").asText().equals("created"));
        assertThat(http.send("POST", "/api/orders/" + canceled + "/cancel", null, Map.of()).status()).isEqualTo(202);
        assertThat(http.send("POST", "/api/notifications",
                "{\"channel\": \"webhook\", \"to\": \"http://127.0.0.1:9/nowhere\", \"text\": \"hello\"}", Map.of()).status())
                .isEqualTo(202);
        Properties config = new Properties();
        config.put("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("designs", "asyncapi-poison-" + run, "no envelope".getBytes())).get();
        }
        for (String order : orders) {
            shop.finalSaga(order, Duration.ofSeconds(90));
        }
        // Let the last notifications and dead letters be published.
        await().atMost(Duration.ofSeconds(30)).until(() -> typesOn("notifications.dlq").contains("dead_letter.parked")
                && typesOn("notifications").contains("notification.failed"));
    }

    private Set<String> typesOn(String topic) {
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), topic)) {
            return reader.readToEnd().stream().map(record -> TopicReader.headers(record).get("ce_type"))
                    .filter(type -> type != null).collect(Collectors.toSet());
        }
    }

    private Set<String> channels() {
        Set<String> names = new TreeSet<>();
        document.get("channels").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The message names a channel lists, whether it has one message or a oneOf. */
    private Set<String> messagesOf(String channel) {
        JsonNode message = document.get("channels").get(channel).get("subscribe").get("message");
        Set<String> names = new TreeSet<>();
        (message.has("oneOf") ? message.get("oneOf") : JSON.createArrayNode().add(message))
                .forEach(ref -> names.add(resolve(ref).get("name").asText()));
        return names;
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            JsonNode target = document;
            for (String part : node.get("$ref").asText().substring(2).split("/")) {
                target = target.get(part);
            }
            node = target;
        }
        return node;
    }

    @Test
    void every_topic_the_service_uses_is_a_channel_and_every_channel_is_a_topic() {
        Topics topics = service.server().getApplicationContext().getBean(Topics.class);
        List<EventHandler> consumers = List.copyOf(service.server().getApplicationContext().getBeansOfType(EventHandler.class));
        Set<String> used = topics.provisionedFor(consumers).stream().map(TopicDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(channels()).isEqualTo(used);
    }

    @Test
    void every_record_on_every_topic_is_a_documented_message_with_its_headers_and_the_exact_shape_of_its_payload()
            throws Exception {
        Set<String> seen = new TreeSet<>();
        int checked = 0;
        int poisoned = 0;
        for (String channel : channels()) {
            Set<String> allowed = messagesOf(channel);
            try (TopicReader reader = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), channel)) {
                for (ConsumerRecord<String, byte[]> record : reader.readToEnd()) {
                    Map<String, String> headers = TopicReader.headers(record);
                    if (headers.isEmpty()) {
                        poisoned++; // a test's poisoned record: the service never writes one without headers
                        continue;
                    }
                    String type = headers.get("ce_type");
                    String where = channel + "@" + record.partition() + ":" + record.offset() + " " + type;
                    assertThat(type).as(where + " ce_type").isNotNull();
                    assertThat(record.key()).as(where + " key is the subject").isEqualTo(headers.get("ce_subject"));
                    assertThat(allowed).as(where).contains(type);
                    JsonNode message = resolve(document.get("components").get("messages").get(type));
                    JsonNode headerSchema = resolve(message.get("headers"));
                    headerSchema.get("required").forEach(name ->
                            assertThat(headers).as(where + " headers").containsKey(name.asText()));
                    headers.keySet().forEach(name -> assertThat(headerSchema.get("properties").has(name))
                            .as(where + " header " + name + " is documented").isTrue());
                    List<String> mismatches = new ArrayList<>();
                    matches(JSON.readTree(record.value()), resolve(message.get("payload")), "$", mismatches);
                    assertThat(mismatches).as(where + " payload " + TopicReader.value(record)).isEmpty();
                    seen.add(type);
                    checked++;
                }
            }
        }

        assertThat(checked).isGreaterThan(50);
        assertThat(poisoned).as("records without any header: only the poisoned ones tests send").isLessThan(checked / 10);
        Set<String> documented = new TreeSet<>();
        document.get("components").get("messages").fieldNames().forEachRemaining(documented::add);
        documented.removeAll(NOT_PRODUCED_HERE);
        assertThat(seen).as("every documented message, produced by the flows").containsAll(documented);
    }

    /**
     * Collects where {@code value} does not fit {@code schema}: a missing required field, an undocumented field,
     * a value of another type, a null where none is allowed, a value outside an enum or unlike a const.
     */
    private void matches(JsonNode value, JsonNode reference, String path, List<String> mismatches) {
        JsonNode schema = resolve(reference);
        if (!typeFits(value, schema)) {
            mismatches.add(path + " is " + value.getNodeType() + " " + value + ", documented as " + schema.get("type"));
            return;
        }
        if (value.isNull()) {
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            mismatches.add(path + " = " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("const") && !schema.get("const").asText().equals(value.asText())) {
            mismatches.add(path + " = " + value + " is not " + schema.get("const"));
        }
        if (value.isObject() && schema.has("properties")) {
            Set<String> fields = new HashSet<>();
            value.fieldNames().forEachRemaining(fields::add);
            if (schema.has("required")) {
                schema.get("required").forEach(name -> {
                    if (!fields.contains(name.asText())) {
                        mismatches.add(path + "." + name.asText() + " is required and missing");
                    }
                });
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!schema.get("properties").has(field.getKey())) {
                    mismatches.add(path + "." + field.getKey() + " is not documented");
                } else {
                    matches(field.getValue(), schema.get("properties").get(field.getKey()), path + "." + field.getKey(),
                            mismatches);
                }
            }
        } else if (value.isObject() && schema.has("additionalProperties")) {
            value.fields().forEachRemaining(field -> matches(field.getValue(), schema.get("additionalProperties"),
                    path + "." + field.getKey(), mismatches));
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                matches(value.get(i), schema.get("items"), path + "[" + i + "]", mismatches);
            }
        }
    }

    /** JSON Schema's types: a schema without a type takes anything; null only where the type lists "null". */
    private static boolean typeFits(JsonNode value, JsonNode schema) {
        if (!schema.has("type")) {
            return !value.isNull() || (schema.has("enum") && contains(schema.get("enum"), value));
        }
        List<String> types = new ArrayList<>();
        if (schema.get("type").isArray()) {
            schema.get("type").forEach(type -> types.add(type.asText()));
        } else {
            types.add(schema.get("type").asText());
        }
        return types.stream().anyMatch(type -> switch (type) {
            case "null" -> value.isNull();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        });
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value) || (candidate.isNull() && value.isNull())) {
                return true;
            }
        }
        return false;
    }
}
