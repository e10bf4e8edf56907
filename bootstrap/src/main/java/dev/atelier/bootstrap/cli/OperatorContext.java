package dev.atelier.bootstrap.cli;

import dev.atelier.bootstrap.embedded.EmbeddedPostgresServer;
import dev.atelier.bootstrap.embedded.RunMode;
import io.micronaut.context.ApplicationContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application context a command runs in: the service's own configuration (application.yml and the
 * environment variables) and beans, so that a replay runs the consumer's real handler, with everything that
 * would make the command a second service switched off. Nothing here starts a server: the HTTP server is only
 * started by {@code Atelier.start}, and embedded Kafka and PostgreSQL are found, never started.
 */
final class OperatorContext {

    /** No relay, consumers, dispatcher, saga deadlines, topic provisioning, log forwarding, metrics or migration. */
    static final Map<String, Object> NOT_A_SECOND_SERVICE = Map.of(
            "atelier.messaging.relay.enabled", false,
            "atelier.messaging.consumers.enabled", false,
            "atelier.notifications.dispatcher.enabled", false,
            "atelier.sagas.deadlines.enabled", false,
            "atelier.messaging.provision-topics", false,
            "atelier.event-log.application-logs.enabled", false,
            "micronaut.metrics.enabled", false,
            "flyway.datasources.default.enabled", false);

    /**
     * A command opens connections as it needs them: an unreachable database is reported by the command (or
     * the doctor) that uses it instead of failing the start, and a command holds a connection or two, not a
     * service's pool.
     */
    static final Map<String, Object> A_COMMAND_S_CONNECTIONS = Map.of(
            "datasources.default.initialization-fail-timeout", -1,
            "datasources.default.minimum-idle", 0,
            "datasources.default.maximum-pool-size", 4,
            "datasources.default.connection-timeout", 3_000);

    private OperatorContext() {
    }

    /**
     * @param env       the environment variables that choose the run mode, as for the service
     * @param overrides configuration that wins over everything else (tests use it)
     */
    static ApplicationContext start(Map<String, String> env, Map<String, Object> overrides) {
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(properties(env, overrides))
                .start();
    }

    static Map<String, Object> properties(Map<String, String> env, Map<String, Object> overrides) {
        RunMode mode = RunMode.from(env);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (mode.embeddedKafka()) {
            properties.put("kafka.bootstrap.servers", mode.embeddedKafkaBootstrapServers());
        }
        if (mode.embeddedPostgres()) {
            properties.put("datasources.default.url", mode.embeddedPostgresJdbcUrl());
            properties.put("datasources.default.username", EmbeddedPostgresServer.USERNAME);
            properties.put("datasources.default.password", EmbeddedPostgresServer.PASSWORD);
        }
        // As for the service: the embedded service runs the sandbox consumers, and replaying their dead letters
        // needs their handlers.
        properties.putAll(mode.impliedSettings(env));
        properties.putAll(A_COMMAND_S_CONNECTIONS);
        properties.putAll(NOT_A_SECOND_SERVICE);
        properties.putAll(overrides);
        return properties;
    }
}
