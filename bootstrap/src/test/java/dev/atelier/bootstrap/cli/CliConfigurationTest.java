package dev.atelier.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the CLI looks for the service's dependencies, and what of the service it leaves switched off. */
class CliConfigurationTest {

    @Test
    void without_kafka_brokers_and_database_url_it_connects_to_the_embedded_servers_of_a_running_service() {
        Map<String, Object> properties = OperatorContext.properties(Map.of(), Map.of());

        assertThat(properties).containsEntry("kafka.bootstrap.servers", "127.0.0.1:19092")
                .containsEntry("datasources.default.url", "jdbc:postgresql://127.0.0.1:15432/postgres")
                .containsEntry("datasources.default.username", "postgres")
                .containsEntry("datasources.default.password", "postgres")
                .containsEntry("atelier.sandbox.enabled", "true");
    }

    @Test
    void the_embedded_ports_follow_the_service_s_variables() {
        Map<String, Object> properties = OperatorContext.properties(Map.of("ATELIER_EMBEDDED_KAFKA_PORT", "29092",
                "ATELIER_EMBEDDED_POSTGRES_PORT", "25432", "SANDBOX_ENABLED", "false"), Map.of());

        assertThat(properties).containsEntry("kafka.bootstrap.servers", "127.0.0.1:29092")
                .containsEntry("datasources.default.url", "jdbc:postgresql://127.0.0.1:25432/postgres")
                .doesNotContainKey("atelier.sandbox.enabled");
    }

    @Test
    void external_dependencies_are_left_to_the_service_s_configuration() {
        Map<String, Object> properties = OperatorContext.properties(Map.of("KAFKA_BROKERS", "kafka:9092",
                "DATABASE_URL", "jdbc:postgresql://db/atelier"), Map.of());

        assertThat(properties).doesNotContainKeys("kafka.bootstrap.servers", "datasources.default.url",
                "atelier.sandbox.enabled");
    }

    @Test
    void nothing_that_would_make_it_a_second_service_runs() {
        assertThat(OperatorContext.properties(Map.of(), Map.of()))
                .containsEntry("atelier.messaging.relay.enabled", false)
                .containsEntry("atelier.messaging.consumers.enabled", false)
                .containsEntry("atelier.notifications.dispatcher.enabled", false)
                .containsEntry("atelier.sagas.deadlines.enabled", false)
                .containsEntry("atelier.messaging.provision-topics", false)
                .containsEntry("atelier.event-log.application-logs.enabled", false)
                .containsEntry("micronaut.metrics.enabled", false)
                .containsEntry("flyway.datasources.default.enabled", false);
    }

    @Test
    void a_command_s_context_keeps_no_metrics_and_reads_no_gauges() {
        // Nothing listens on port 9: building the context must need neither server, and nothing may poll them.
        try (ApplicationContext context = OperatorContext.start(Map.of("KAFKA_BROKERS", "127.0.0.1:9",
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:9/atelier"), Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9",
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:9/atelier"))) {
            assertThat(context.containsBean(MeterRegistry.class)).isFalse();
        }
    }

    @Test
    void an_embedded_port_chosen_at_random_cannot_be_found_and_says_what_to_set_instead() {
        assertThatThrownBy(() -> OperatorContext.properties(Map.of("ATELIER_EMBEDDED_KAFKA_PORT", "0"), Map.of()))
                .hasMessageContaining("KAFKA_BROKERS");

        Cli.Result doctor = Cli.run(Map.of("ATELIER_EMBEDDED_KAFKA_PORT", "0"), Map.of(), "doctor");
        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(AtelierCli.FAILED);
        assertThat(doctor.err()).contains("ATELIER_EMBEDDED_KAFKA_PORT=0", "KAFKA_BROKERS");
    }
}
