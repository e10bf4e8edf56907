package dev.atelier.bootstrap.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.TopicReader;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The assembled service wakes its relay when a request's transaction commits. The fallback poll is an hour, so
 * an event that reaches the topic within the reader's bound got there because the commit woke the relay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommitWakesRelayTest {

    private Atelier service;
    private Http http;

    @BeforeAll
    void start() {
        service = SharedInfrastructure.startService(Map.of("atelier.messaging.relay.fallback-poll", "1h"));
        http = new Http(URI.create(service.server().getURL().toString()));
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void an_event_committed_by_a_request_is_published_without_waiting_for_the_poll() throws Exception {
        // Let the relay publish what earlier tests left and fall asleep on the signal.
        Thread.sleep(1_000);

        Http.Response created = http.send("POST", "/api/designs", "{\"title\":\"wake up\",\"user_id\":\"user_wake\"}",
                Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        try (TopicReader designs = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "designs")) {
            assertThat(designs.awaitKey(id, 1)).as("design.created on the topic").hasSize(1);
        }
    }
}
