package dev.atelier.bootstrap.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to start inside the process. A dependency that is not configured is embedded: no
 * {@code KAFKA_BROKERS} means an in-process Kafka broker, no {@code DATABASE_URL} an embedded PostgreSQL.
 */
public record RunMode(boolean embeddedKafka, boolean embeddedPostgres, Path dataDir, int kafkaPort, int postgresPort) {

    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_POSTGRES_PORT = 15432;

    /** The embedded broker and database listen on loopback only. */
    public static final String EMBEDDED_HOST = "127.0.0.1";

    public static RunMode from(Map<String, String> env) {
        return new RunMode(
                blank(env.get("KAFKA_BROKERS")),
                blank(env.get("DATABASE_URL")),
                Path.of(env.getOrDefault("ATELIER_DATA_DIR", ".atelier")).toAbsolutePath().normalize(),
                port(env, "ATELIER_EMBEDDED_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                port(env, "ATELIER_EMBEDDED_POSTGRES_PORT", DEFAULT_POSTGRES_PORT));
    }

    public boolean embedsAnything() {
        return embeddedKafka || embeddedPostgres;
    }

    /**
     * Settings this run mode implies unless the environment sets them. With nothing external to talk to, the
     * sandbox plays inventory, payments and assembly. An embedded broker serves this one instance, so its
     * consumers are static members under a fixed instance id: after a crash they rejoin at once. The service
     * and the CLI both start from these.
     */
    public Map<String, Object> impliedSettings(Map<String, String> env) {
        Map<String, Object> implied = new LinkedHashMap<>();
        if (embedsAnything() && !env.containsKey("SANDBOX_ENABLED")) {
            implied.put("atelier.sandbox.enabled", "true");
        }
        if (embeddedKafka && !env.containsKey("ATELIER_INSTANCE_ID")) {
            implied.put("atelier.messaging.consumer.instance-id", "embedded");
        }
        return implied;
    }

    /**
     * Where the embedded broker of a service started in this run mode accepts clients, for tools (such as the
     * operator CLI) that connect to a running service's broker instead of starting one.
     *
     * @throws IllegalStateException when the port is 0: the service then picked a free port nobody else knows
     */
    public String embeddedKafkaBootstrapServers() {
        return EMBEDDED_HOST + ":" + knownPort(kafkaPort, "ATELIER_EMBEDDED_KAFKA_PORT", "KAFKA_BROKERS");
    }

    /** The JDBC URL of the embedded PostgreSQL of a service started in this run mode; see above. */
    public String embeddedPostgresJdbcUrl() {
        return EmbeddedPostgresServer.jdbcUrl(
                knownPort(postgresPort, "ATELIER_EMBEDDED_POSTGRES_PORT", "DATABASE_URL"));
    }

    private static int knownPort(int port, String portVariable, String addressVariable) {
        if (port == 0) {
            throw new IllegalStateException(portVariable + "=0 lets the service pick any free port, which cannot be "
                    + "found from outside; set " + addressVariable + " to the address the service printed at start-up");
        }
        return port;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (blank(value)) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0 for any free port), got '" + value + "'");
        }
    }
}
