package dev.atelier.bootstrap.testing;

import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.embedded.RunMode;
import dev.atelier.bootstrap.embedded.EmbeddedInfrastructure;
import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One real PostgreSQL server and one real Kafka broker (KRaft) for every end-to-end test in the JVM, on
 * free loopback ports, in a temporary directory. Test classes share them and keep apart by using their own
 * ids; they are stopped, and their directory deleted, when the JVM ends.
 */
public abstract class SharedInfrastructure implements TestPropertyProvider {

    private static EmbeddedInfrastructure infrastructure;

    public static synchronized EmbeddedInfrastructure infrastructure() {
        if (infrastructure == null) {
            try {
                Path dataDir = Files.createTempDirectory("atelier-e2e");
                EmbeddedInfrastructure started = EmbeddedInfrastructure.start(new RunMode(true, true, dataDir, 0, 0));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    Directories.deleteRecursively(dataDir);
                }));
                infrastructure = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return infrastructure;
    }

    public static String kafkaBootstrapServers() {
        return (String) infrastructure().properties().get("kafka.bootstrap.servers");
    }

    /**
     * Starts the whole service on the shared database and broker, on a free HTTP port, with the test's own
     * {@code settings} on top (they may also point it at another broker). Nothing is embedded by it.
     */
    public static Atelier startService(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(infrastructure().properties());
        properties.put("micronaut.server.port", -1);
        properties.putAll(settings);
        return Atelier.start(Map.of(
                "KAFKA_BROKERS", String.valueOf(properties.get("kafka.bootstrap.servers")),
                "DATABASE_URL", String.valueOf(properties.get("datasources.default.url"))), properties);
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        infrastructure().properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        properties.put("micronaut.server.port", "-1");
        return properties;
    }
}
