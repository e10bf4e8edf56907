package dev.atelier.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With OPERATOR_TOKEN set, the operator's endpoints answer only the bearer of it; the rest of the API is as before. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorTokenTest {

    private static final String TOKEN = "operator-token-for-tests";

    private Atelier service;
    private Http http;

    @BeforeAll
    void start() {
        service = SharedInfrastructure.startService(Map.of("atelier.operator.token", TOKEN));
        http = new Http(URI.create(service.server().getURL().toString()));
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void operator_endpoints_refuse_a_request_without_the_token_and_change_nothing() {
        for (String path : new String[] {"/api/dlq", "/api/outbox", "/api/logs/stats", "/api/logs/kafka_logs"}) {
            Http.Response anonymous = http.get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            assertThat(anonymous.headers().entrySet()).filteredOn(h -> h.getKey().equalsIgnoreCase("WWW-Authenticate"))
                    .singleElement().satisfies(h -> assertThat(h.getValue()).containsExactly("Bearer"));
            assertThat(http.send("GET", path, null, Map.of("Authorization", "Bearer wrong")).status()).as(path)
                    .isEqualTo(401);
            assertThat(http.send("GET", path, null, Map.of("Authorization", "Bearer " + TOKEN)).status()).as(path)
                    .isEqualTo(200);
        }
        assertThat(http.send("POST", "/api/dlq/replay", null, Map.of()).status()).isEqualTo(401);
        for (String disguised : new String[] {"/api/%64lq", "/api/dlq/", "/API/DLQ", "/api/./dlq", "/api/dlq;x=1",
                "/api/outbox/", "/api/%6Fut%62ox"}) {
            assertThat(http.get(disguised).status()).as(disguised + " must not reach an operator endpoint")
                    .isNotEqualTo(200);
        }
        assertThat(http.send("POST", "/api/outbox/1/park", null, Map.of("Authorization", TOKEN)).status())
                .as("the scheme is part of the header").isEqualTo(401);
    }

    @Test
    void the_rest_of_the_api_needs_no_token() {
        assertThat(http.get("/api/orders?customer_id=nobody").status()).isEqualTo(200);
        assertThat(http.get("/api/designs").status()).isEqualTo(200);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }
}
