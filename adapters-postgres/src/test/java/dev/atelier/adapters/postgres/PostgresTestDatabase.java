package dev.atelier.adapters.postgres;

import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real PostgreSQL server for the whole test run, started on a free loopback port; each test class
 * gets a database of its own so that classes cannot see each other's rows. An interface, so that a test
 * class can extend a contract suite and still have a database.
 */
public interface PostgresTestDatabase extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        String database = getClass().getSimpleName().toLowerCase();
        try (var connection = Server.get().getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + Server.get().getPort() + "/" + database,
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres");
    }

    /** The server, started on first use. */
    final class Server {

        private static EmbeddedPostgres server;

        private Server() {
        }

        static synchronized EmbeddedPostgres get() {
            if (server == null) {
                try {
                    // One place for the unpacked binaries, reused by every run (the library locks it while it
                    // unpacks): a directory per run left 60 MB behind each time. The data directory is the
                    // library's own temporary one, deleted when the server stops.
                    Path runtime = Files.createDirectories(
                            Path.of(System.getProperty("java.io.tmpdir"), "atelier-pg-test-runtime"));
                    server = EmbeddedPostgres.builder().setOverrideWorkingDirectory(runtime.toFile()).start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return server;
        }
    }
}
