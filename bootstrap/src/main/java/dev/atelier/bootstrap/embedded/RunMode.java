package dev.atelier.bootstrap.embedded;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to start inside the process. A dependency that is not configured is embedded: no
 * {@code KAFKA_BROKERS} means an in-process Kafka broker, no {@code DATABASE_URL} an embedded PostgreSQL.
 */
public record RunMode(boolean embeddedKafka, boolean embeddedPostgres, Path dataDir, int kafkaPort, int postgresPort) {

    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_POSTGRES_PORT = 15432;

    public static RunMode from(Map<String, String> env) {
        return new RunMode(
                blank(env.get("KAFKA_BROKERS")),
                blank(env.get("DATABASE_URL")),
                Path.of(env.getOrDefault("ATELIER_DATA_DIR", ".atelier")).toAbsolutePath(),
                port(env, "ATELIER_EMBEDDED_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                port(env, "ATELIER_EMBEDDED_POSTGRES_PORT", DEFAULT_POSTGRES_PORT));
    }

    public boolean embedsAnything() {
        return embeddedKafka || embeddedPostgres;
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
