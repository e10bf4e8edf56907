package dev.atelier.bootstrap.designs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.TopicReader;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The designs API driven over real HTTP, with the effects read back from PostgreSQL (through the API) and
 * from the real {@code designs} Kafka topic (through a plain consumer).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DesignsApiTest extends SharedInfrastructure {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private Http http;
    private String user;

    @BeforeEach
    void setUp() {
        http = new Http(URI.create(server.getURL().toString()));
        user = "user-" + UUID.randomUUID();
    }

    private Http.Response create(String title, String status) {
        return http.send("POST", "/api/designs", json(Map.of("title", title, "description", "A print",
                "user_id", user, "status", status)), Map.of());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_created_design_is_stored_and_published_as_a_cloud_event() throws Exception {
        Http.Response created = create("Sunset poster", "pending");

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/designs/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(body.get("title").asText()).isEqualTo("Sunset poster");
        assertThat(body.get("user_id").asText()).isEqualTo(user);
        assertThat(body.get("status").asText()).isEqualTo("pending");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(http.get("/api/designs/" + id).json()).isEqualTo(body);

        try (TopicReader topic = new TopicReader(kafkaBootstrapServers(), "designs")) {
            List<ConsumerRecord<String, byte[]>> records = topic.awaitKey(id, 1);
            assertThat(records).hasSize(1);
            ConsumerRecord<String, byte[]> record = records.get(0);
            Map<String, String> headers = TopicReader.headers(record);
            assertThat(headers).containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_type", "design.created")
                    .containsEntry("ce_source", "/atelier/designs")
                    .containsEntry("ce_subject", id)
                    .containsEntry("content-type", "application/json")
                    .containsEntry("ce_schemaversion", "1")
                    .containsKeys("ce_id", "ce_time");
            UUID.fromString(headers.get("ce_id"));
            JsonNode payload = JSON.readTree(record.value());
            assertThat(payload.get("design_id").asText()).isEqualTo(id);
            assertThat(payload.get("title").asText()).isEqualTo("Sunset poster");
            assertThat(payload.get("description").asText()).isEqualTo("A print");
            assertThat(payload.get("user_id").asText()).isEqualTo(user);
            assertThat(payload.get("status").asText()).isEqualTo("pending");
            assertThat(payload.get("version").asLong()).isEqualTo(1);
        }
    }

    @Test
    void every_change_is_published_in_order_under_the_design_key() throws Exception {
        String id = create("Poster", "draft").json().get("id").asText();

        Http.Response updated = http.send("PUT", "/api/designs/" + id,
                json(Map.of("title", "Poster v2", "description", "Bigger")), Map.of("If-Match", "\"1\""));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");

        assertThat(http.send("PATCH", "/api/designs/" + id + "/status", json(Map.of("new_status", "pending")), Map.of())
                .status()).isEqualTo(200);
        Http.Response rejected = http.send("PATCH", "/api/designs/" + id + "/status",
                json(Map.of("new_status", "rejected", "reason", "Too dark")), Map.of());
        assertThat(rejected.json().get("status").asText()).isEqualTo("rejected");
        assertThat(http.send("DELETE", "/api/designs/" + id, null, Map.of()).status()).isEqualTo(204);
        assertThat(http.get("/api/designs/" + id).status()).isEqualTo(404);

        try (TopicReader topic = new TopicReader(kafkaBootstrapServers(), "designs")) {
            List<ConsumerRecord<String, byte[]>> records = topic.awaitKey(id, 5);
            assertThat(records).extracting(r -> TopicReader.headers(r).get("ce_type")).containsExactly(
                    "design.created", "design.updated", "design.status_changed", "design.status_changed",
                    "design.deleted");
            assertThat(records).extracting(r -> JSON.readTree(r.value()).get("version").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
            JsonNode rejection = JSON.readTree(records.get(3).value());
            assertThat(rejection.get("old_status").asText()).isEqualTo("pending");
            assertThat(rejection.get("new_status").asText()).isEqualTo("rejected");
            assertThat(rejection.get("reason").asText()).isEqualTo("Too dark");
        }
    }

    @Test
    void listing_filters_by_user_and_status_and_pages() {
        for (int i = 0; i < 3; i++) {
            create("Pending " + i, "pending");
        }
        create("Draft", "draft");

        JsonNode pending = http.get("/api/designs?user_id=" + user + "&status=pending&page=1&size=2").json();
        JsonNode second = http.get("/api/designs?user_id=" + user + "&status=pending&page=2&size=2").json();
        JsonNode all = http.get("/api/designs?user_id=" + user).json();
        JsonNode emptyFiltersIgnored = http.get("/api/designs?user_id=" + user + "&status=&page=&size=").json();

        assertThat(pending.get("total").asLong()).isEqualTo(3);
        assertThat(pending.get("page").asInt()).isEqualTo(1);
        assertThat(pending.get("size").asInt()).isEqualTo(2);
        assertThat(pending.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(all.get("total").asLong()).isEqualTo(4);
        assertThat(emptyFiltersIgnored.get("total").asLong()).isEqualTo(4);
    }

    @Test
    void a_stale_write_is_refused_and_changes_nothing() {
        String id = create("Poster", "draft").json().get("id").asText();
        assertThat(http.send("PUT", "/api/designs/" + id, json(Map.of("title", "First")), Map.of("If-Match", "\"1\""))
                .status()).isEqualTo(200);

        Http.Response stale = http.send("PUT", "/api/designs/" + id, json(Map.of("title", "Second")),
                Map.of("If-Match", "\"1\""));
        Http.Response staleDelete = http.send("DELETE", "/api/designs/" + id, null, Map.of("If-Match", "\"1\""));

        assertProblem(stale, 409, "stale-version");
        assertProblem(staleDelete, 409, "stale-version");
        JsonNode current = http.get("/api/designs/" + id).json();
        assertThat(current.get("title").asText()).isEqualTo("First");
        assertThat(current.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void bad_input_gets_a_problem_and_writes_nothing() {
        String id = create("Kept", "pending").json().get("id").asText();
        String unknown = UUID.randomUUID().toString();
        String longTitle = "t".repeat(201);

        assertProblem(http.send("POST", "/api/designs", "{\"title\":", Map.of()), 400, "malformed-request");
        assertProblem(http.send("POST", "/api/designs", "{\"title\":123,\"user_id\":\"" + user + "\"}", Map.of()),
                400, "malformed-request", "title");
        assertProblem(http.send("POST", "/api/designs", "{\"user_id\":\"" + user + "\"}", Map.of()), 400,
                "invalid-value", "title");
        assertProblem(http.send("POST", "/api/designs", "{\"title\":\"x\"}", Map.of()), 400, "invalid-value",
                "user_id");
        assertProblem(http.send("POST", "/api/designs", json(Map.of("title", longTitle, "user_id", user)), Map.of()),
                400, "invalid-value", "title");
        assertProblem(create("Decided", "approved"), 400, "invalid-value", "status");
        assertProblem(create("Unknown", "published"), 400, "invalid-value", "status");
        assertProblem(http.send("POST", "/api/designs", "", Map.of()), 400, "malformed-request");
        assertProblem(http.send("POST", "/api/designs", "title=x", Map.of("Content-Type", "text/plain")), 415,
                "unsupported-media-type");

        assertProblem(http.get("/api/designs/not-a-uuid"), 400, "invalid-value", "design_id");
        assertProblem(http.get("/api/designs/" + unknown), 404, "not-found");
        assertProblem(http.get("/api/designs?page=0"), 400, "invalid-value", "page");
        assertProblem(http.get("/api/designs?size=1000"), 400, "invalid-value", "size");
        assertProblem(http.get("/api/designs?page=abc"), 400, "malformed-request");
        assertProblem(http.get("/api/designs?status=bogus"), 400, "invalid-value", "status");

        assertProblem(http.send("PUT", "/api/designs/" + unknown, json(Map.of("title", "x")), Map.of()), 404,
                "not-found");
        assertProblem(http.send("PUT", "/api/designs/" + id, json(Map.of("title", "x")), Map.of("If-Match", "abc")),
                400, "invalid-value", "If-Match");
        assertProblem(http.send("PUT", "/api/designs/" + id, json(Map.of("title", " ")), Map.of()), 400,
                "invalid-value", "title");
        assertProblem(http.send("PATCH", "/api/designs/" + id + "/status", json(Map.of("new_status", "draft")),
                Map.of()), 409, "illegal-transition");
        assertProblem(http.send("PATCH", "/api/designs/" + id + "/status", json(Map.of("new_status", "gone")),
                Map.of()), 400, "invalid-value", "new_status");
        assertProblem(http.send("PATCH", "/api/designs/" + id + "/status", "{}", Map.of()), 400, "invalid-value",
                "new_status");
        assertProblem(http.send("DELETE", "/api/designs/" + unknown, null, Map.of()), 404, "not-found");
        assertProblem(http.send("PATCH", "/api/designs/" + id, "{}", Map.of()), 405, "method-not-allowed");

        // No stored text may hold a NUL character: it is refused where it arrives, in JSON or in the URL.
        assertProblem(http.send("POST", "/api/designs", "{\"title\":\"a\\u0000b\",\"user_id\":\"" + user + "\"}",
                Map.of()), 400, "malformed-request", "title");
        assertProblem(http.send("PUT", "/api/designs/" + id, "{\"title\":\"x\",\"description\":\"\\u0000\"}",
                Map.of()), 400, "malformed-request", "description");
        // Half of a surrogate pair is no character: PostgreSQL's driver would have stored it as "?".
        assertProblem(http.send("POST", "/api/designs", "{\"title\":\"a\\uD800b\",\"user_id\":\"" + user + "\"}",
                Map.of()), 400, "malformed-request", "title");
        assertProblem(http.send("POST", "/api/designs", "{\"title\":\"\\uDC00\",\"user_id\":\"" + user + "\"}",
                Map.of()), 400, "malformed-request", "title");
        assertThat(http.send("POST", "/api/designs", json(Map.of("title", "Whole 😀", "user_id", user + "-emoji")),
                Map.of()).status()).as("a whole pair is a character like any other").isEqualTo(201);
        assertProblem(http.get("/api/designs?user_id=" + user + "%00"), 400, "malformed-request", "user_id");
        assertProblem(http.get("/api/designs/" + id + "%00"), 400, "malformed-request");

        JsonNode listing = http.get("/api/designs?user_id=" + user).json();
        assertThat(listing.get("total").asLong()).as("only the one good design exists").isEqualTo(1);
        JsonNode kept = http.get("/api/designs/" + id).json();
        assertThat(kept.get("version").asLong()).isEqualTo(1);
        assertThat(kept.get("title").asText()).isEqualTo("Kept");
        assertThat(kept.get("status").asText()).isEqualTo("pending");
    }

    private static void assertProblem(Http.Response response, int status, String kind, String... fields) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).endsWith("/" + kind);
        assertThat(problem.get("detail").asText()).isNotBlank();
        for (String field : fields) {
            assertThat(problem.get("errors")).as(response.body())
                    .anyMatch(error -> error.get("field").asText().equals(field));
        }
    }
}
