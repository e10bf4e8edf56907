package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V8 on a database an earlier version used: the waiting events stay, in their places; the published ones go. */
class OutboxMigrationTest {

    private static final String DATABASE = "outbox_migration";

    private static String url() {
        return "jdbc:postgresql://127.0.0.1:" + PostgresTestDatabase.Server.get().getPort() + "/" + DATABASE;
    }

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(url(), "postgres", "postgres").locations("classpath:db/migration")
                .target(target).load();
    }

    @Test
    void v8_keeps_the_waiting_events_in_their_places_and_drops_the_published_ones() throws Exception {
        try (Connection server = PostgresTestDatabase.Server.get().getPostgresDatabase().getConnection();
             Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        flyway("7").migrate();
        try (Connection db = DriverManager.getConnection(url(), "postgres", "postgres");
             Statement statement = db.createStatement()) {
            for (int i = 1; i <= 6; i++) {
                statement.execute("INSERT INTO outbox (event_id, stream, event_type, aggregate_key, schema_version,"
                        + " occurred_at, payload, traceparent, correlation_id, causation_id, published_at) VALUES"
                        + " (gen_random_uuid(), 'designs', 'design.updated', 'key-" + i + "', 1, now(), '{\"n\":" + i
                        + "}', 'tp', 'corr', 'cause', " + (i % 2 == 1 ? "now()" : "NULL") + ")");
            }
        }

        flyway("latest").migrate();

        try (Connection db = DriverManager.getConnection(url(), "postgres", "postgres");
             Statement statement = db.createStatement()) {
            assertThat(rows(statement, "SELECT position || ' ' || aggregate_key || ' ' || payload || ' ' || causation_id"
                    + " FROM outbox ORDER BY position"))
                    .containsExactly("2 key-2 {\"n\":2} cause", "4 key-4 {\"n\":4} cause", "6 key-6 {\"n\":6} cause");
            assertThat(rows(statement, "SELECT column_name FROM information_schema.columns"
                    + " WHERE table_name = 'outbox' AND column_name = 'published_at'")).isEmpty();
            statement.execute("INSERT INTO outbox (event_id, stream, event_type, aggregate_key, schema_version,"
                    + " occurred_at, payload) VALUES (gen_random_uuid(), 'designs', 'design.updated', 'key-7', 1,"
                    + " now(), '{}')");
            assertThat(rows(statement, "SELECT max(position) FROM outbox")).as("positions go on after the kept ones")
                    .containsExactly("7");
        }
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
