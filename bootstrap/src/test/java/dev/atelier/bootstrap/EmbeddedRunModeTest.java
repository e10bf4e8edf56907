package dev.atelier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.bootstrap.embedded.EmbeddedPostgresServer;
import dev.atelier.bootstrap.testing.Http;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-setup run mode as a newcomer uses it: nothing configured, so the service embeds PostgreSQL and
 * Kafka under ATELIER_DATA_DIR; what was created is still there after a restart.
 */
class EmbeddedRunModeTest {

    @TempDir
    Path dataDir;

    private Map<String, String> env() {
        return Map.of("ATELIER_DATA_DIR", dataDir.toString(),
                "ATELIER_EMBEDDED_KAFKA_PORT", "0",
                "ATELIER_EMBEDDED_POSTGRES_PORT", "0");
    }

    private static Http http(Atelier atelier) {
        return new Http(URI.create(atelier.server().getURL().toString()));
    }

    @Test
    void starts_with_nothing_configured_and_keeps_its_data_across_a_restart() throws SQLException {
        Map<String, Object> randomHttpPort = Map.of("micronaut.server.port", -1);
        String id;
        try (Atelier first = Atelier.start(env(), randomHttpPort)) {
            Http http = http(first);
            JsonNode health = http.get("/health").json();
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/kafka/status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/jdbc/status").asText()).isEqualTo("UP");
            assertThat(setting(first, "synchronous_commit"))
                    .as("a commit is answered only once its WAL is written").isEqualTo("on");
            assertThat(setting(first, "fsync"))
                    .as("written WAL is forced to disk, not left in the operating system's cache").isEqualTo("on");
            assertThat(setting(first, "shared_preload_libraries"))
                    .as("statement statistics are there for whoever looks for where the time goes")
                    .contains("pg_stat_statements");

            Http.Response created = http.send("POST", "/api/designs",
                    "{\"title\":\"Survivor\",\"user_id\":\"user_restart\"}", Map.of());
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").asText();
        }
        assertThat(dataDir.resolve("postgres")).isDirectory();
        assertThat(dataDir.resolve("kafka").resolve("meta.properties")).isRegularFile();

        try (Atelier second = Atelier.start(env(), randomHttpPort)) {
            Http.Response read = http(second).get("/api/designs/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("title").asText()).isEqualTo("Survivor");
        }
    }

    private static String setting(Atelier atelier, String name) throws SQLException {
        String url = atelier.context().getRequiredProperty("datasources.default.url", String.class);
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.USERNAME,
                EmbeddedPostgresServer.PASSWORD);
             ResultSet row = connection.createStatement().executeQuery("SHOW " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void configured_dependencies_are_not_embedded() {
        assertThat(dev.atelier.bootstrap.embedded.RunMode.from(Map.of(
                "KAFKA_BROKERS", "kafka:9092", "DATABASE_URL", "jdbc:postgresql://db/atelier")).embedsAnything())
                .isFalse();
        assertThat(dev.atelier.bootstrap.embedded.RunMode.from(Map.of()).kafkaPort()).isEqualTo(19092);
        assertThat(dev.atelier.bootstrap.embedded.RunMode.from(Map.of()).postgresPort()).isEqualTo(15432);
        assertThat(dev.atelier.bootstrap.embedded.RunMode.from(Map.of("ATELIER_DATA_DIR", "./work/../data")).dataDir())
                .as("as the database server names it, so that a left-over one is recognised")
                .isEqualTo(Path.of("data").toAbsolutePath());
    }
}
