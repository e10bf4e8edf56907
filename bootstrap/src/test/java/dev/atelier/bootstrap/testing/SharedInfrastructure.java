package dev.atelier.bootstrap.testing;

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
 * ids; they are stopped when the JVM ends.
 */
public abstract class SharedInfrastructure implements TestPropertyProvider {

    private static EmbeddedInfrastructure infrastructure;

    public static synchronized EmbeddedInfrastructure infrastructure() {
        if (infrastructure == null) {
            try {
                Path dataDir = Files.createTempDirectory("atelier-e2e");
                infrastructure = EmbeddedInfrastructure.start(new RunMode(true, true, dataDir, 0, 0));
                Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return infrastructure;
    }

    public static String kafkaBootstrapServers() {
        return (String) infrastructure().properties().get("kafka.bootstrap.servers");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        infrastructure().properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        properties.put("micronaut.server.port", "-1");
        return properties;
    }
}
