package dev.atelier.adapters.postgres;

import static dev.atelier.adapters.postgres.ScratchDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * V9 on a database an earlier version used: every pending notification is queued as it was due (one with no due
 * time as of its creation); no other.
 */
class NotificationQueueMigrationTest {

    @Test
    void v9_queues_the_pending_notifications_when_they_were_due() throws Exception {
        ScratchDatabase database = new ScratchDatabase("notification_queue_migration");
        database.migrateTo("8");
        try (Connection db = database.connect();
             Statement statement = db.createStatement()) {
            String[] statuses = {"pending", "sent", "pending", "failed", "pending"};
            for (int i = 0; i < statuses.length; i++) {
                statement.execute("INSERT INTO notifications (id, source_event_id, source_event_type, channel,"
                        + " recipient, template, text, status, attempts, next_attempt_at, created_at, updated_at)"
                        + " VALUES"
                        + " ('00000000-0000-0000-0000-00000000000" + i + "', gen_random_uuid(), 'order.paid', 'log',"
                        + " 'cust', 'order.paid', 'paid', '" + statuses[i] + "', 0, "
                        + (statuses[i].equals("pending") && i < 4 ? "'2026-11-0" + (i + 1) + "T10:00:00Z'" : "NULL")
                        + ", '2026-10-01T10:00:00Z', '2026-10-01T10:00:00Z')");
            }
        }

        database.migrateTo("latest");

        try (Connection db = database.connect();
             Statement statement = db.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            assertThat(rows(statement, "SELECT notification_id || ' ' || next_attempt_at FROM notification_queue"
                    + " ORDER BY next_attempt_at")).containsExactly(
                    "00000000-0000-0000-0000-000000000004 2026-10-01 10:00:00+00",
                    "00000000-0000-0000-0000-000000000000 2026-11-01 10:00:00+00",
                    "00000000-0000-0000-0000-000000000002 2026-11-03 10:00:00+00");
            assertThat(rows(statement, "SELECT indexname FROM pg_indexes WHERE indexname = 'notifications_due'"))
                    .as("the partial index the queue replaces").isEmpty();
        }
    }
}
