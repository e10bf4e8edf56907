package dev.atelier.bootstrap.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts what the run mode asks to embed and tells the service where to find it. Nothing in the
 * production path touches these classes when Kafka and PostgreSQL are external.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final DataDirectoryLock lock;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;

    private EmbeddedInfrastructure(DataDirectoryLock lock, EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka) {
        this.lock = lock;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * Takes the data directory for this process first: a second service on the same directory fails at once,
     * and a database server found running on it was left by a service that was killed, so it is stopped.
     */
    public static EmbeddedInfrastructure start(RunMode mode) {
        if (!mode.embedsAnything()) {
            return new EmbeddedInfrastructure(null, null, null);
        }
        DataDirectoryLock lock = DataDirectoryLock.acquire(mode.dataDir());
        EmbeddedPostgresServer postgres = null;
        try {
            if (mode.embeddedPostgres()) {
                EmbeddedPostgresServer.stopLeftOver(mode.dataDir());
                requireFree(mode.postgresPort(), "ATELIER_EMBEDDED_POSTGRES_PORT", "PostgreSQL");
            }
            if (mode.embeddedKafka()) {
                requireFree(mode.kafkaPort(), "ATELIER_EMBEDDED_KAFKA_PORT", "Kafka");
            }
            if (mode.embeddedPostgres()) {
                LOG.info("Starting embedded PostgreSQL (data in {})", mode.dataDir().resolve("postgres"));
                postgres = EmbeddedPostgresServer.start(mode.dataDir(), mode.postgresPort());
            }
            EmbeddedKafkaBroker kafka = null;
            if (mode.embeddedKafka()) {
                LOG.info("Starting embedded Kafka broker (data in {})", mode.dataDir().resolve("kafka"));
                kafka = EmbeddedKafkaBroker.start(mode.dataDir(), mode.kafkaPort());
            }
            return new EmbeddedInfrastructure(lock, postgres, kafka);
        } catch (RuntimeException | Error e) {
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } finally {
                lock.close();
            }
            throw e;
        }
    }

    /** Fails with advice, before anything starts, when another process (often another Atelier) holds a port. */
    private static void requireFree(int port, String variable, String what) {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (java.io.IOException taken) {
            throw new IllegalStateException("port " + port + " for the embedded " + what + " is in use (is another "
                    + "Atelier running?); stop it, or set " + variable + " to a free port, or to 0 for any free port");
        }
    }

    /** Configuration that points the service at the embedded pieces; empty when nothing is embedded. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (postgres != null) {
            properties.put("datasources.default.url", postgres.jdbcUrl());
            properties.put("datasources.default.username", postgres.username());
            properties.put("datasources.default.password", postgres.password());
        }
        if (kafka != null) {
            properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        }
        return properties;
    }

    public String describe() {
        return (kafka == null ? "" : "Kafka " + kafka.bootstrapServers() + " (embedded), ")
                + (postgres == null ? "" : "JDBC " + postgres.jdbcUrl() + " (embedded)");
    }

    @Override
    public void close() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        }
    }
}
