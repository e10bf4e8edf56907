package dev.atelier.adapters.postgres;

import static dev.atelier.adapters.postgres.ScratchDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** V8 on a database an earlier version used: the waiting events stay, in their places; the published ones go. */
class OutboxMigrationTest {

    @Test
    void v8_keeps_the_waiting_events_in_their_places_and_drops_the_published_ones() throws Exception {
        ScratchDatabase database = new ScratchDatabase("outbox_migration");
        database.migrateTo("7");
        try (Connection db = database.connect();
             Statement statement = db.createStatement()) {
            for (int i = 1; i <= 6; i++) {
                statement.execute("INSERT INTO outbox (event_id, stream, event_type, aggregate_key, schema_version,"
                        + " occurred_at, payload, traceparent, correlation_id, causation_id, published_at) VALUES"
                        + " (gen_random_uuid(), 'designs', 'design.updated', 'key-" + i + "', 1, now(), '{\"n\":" + i
                        + "}', 'tp', 'corr', 'cause', " + (i % 2 == 1 ? "now()" : "NULL") + ")");
            }
        }

        database.migrateTo("latest");

        try (Connection db = database.connect();
             Statement statement = db.createStatement()) {
            assertThat(rows(statement, "SELECT position || ' ' || aggregate_key || ' ' || payload || ' '"
                    + " || causation_id FROM outbox ORDER BY position"))
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
}
