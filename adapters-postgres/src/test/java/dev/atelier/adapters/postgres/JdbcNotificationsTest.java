package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.notifications.Notifications;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.notifications.NotificationId;
import dev.atelier.domain.notifications.NotificationStatus;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcNotificationsTest implements PostgresTestDatabase {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    JdbcNotifications notifications;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    DataSource dataSource;

    @Inject
    JdbcSession session;

    @Test
    void a_claim_takes_the_oldest_due_notifications_and_leases_them() {
        List<Notification> planned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Notification n = Notification.plan(UUID.randomUUID(), "order.paid", "order-" + i, Channel.LOG, "cust",
                    "order.paid", "paid", NOW.minusSeconds(60 - i));
            planned.add(n);
            unitOfWork.inTransaction(() -> notifications.add(n));
        }

        List<Notification> first = unitOfWork.inTransaction(() -> notifications.claimDue(NOW, Duration.ofMinutes(1), 3));
        List<Notification> second = unitOfWork.inTransaction(() -> notifications.claimDue(NOW, Duration.ofMinutes(1), 2));

        assertThat(first).extracting(Notification::id).containsExactly(planned.get(0).id(), planned.get(1).id(),
                planned.get(2).id());
        assertThat(second).extracting(Notification::id).containsExactly(planned.get(3).id(), planned.get(4).id());
    }

    /**
     * The dispatcher claims a small batch out of what may be a large backlog. A plan that sorts the backlog to
     * find that batch costs in proportion to the backlog, on every claim; the index must hand it over in order.
     */
    @Test
    void a_claim_out_of_a_large_backlog_reads_the_index_in_claim_order_instead_of_sorting_the_backlog()
            throws SQLException {
        try (Connection db = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            try (PreparedStatement backlog = db.prepareStatement("INSERT INTO notifications (id, source_event_id,"
                    + " source_event_type, order_id, channel, recipient, template, text, status, attempts,"
                    + " next_attempt_at, created_at, updated_at) SELECT gen_random_uuid(), gen_random_uuid(),"
                    + " 'order.paid', 'order-' || n, 'log', 'cust', 'order.paid', 'paid', 'pending', 0,"
                    + " ?::timestamptz - n * interval '1 ms', ?::timestamptz, ?::timestamptz"
                    + " FROM generate_series(1, 20000) AS n")) {
                Timestamp earlier = Timestamp.from(NOW.minusSeconds(30));
                backlog.setTimestamp(1, earlier);
                backlog.setTimestamp(2, earlier);
                backlog.setTimestamp(3, earlier);
                backlog.executeUpdate();
            }
            try (Statement queue = db.createStatement()) {
                queue.execute("INSERT INTO notification_queue (notification_id, next_attempt_at, created_at)"
                        + " SELECT id, next_attempt_at, created_at FROM notifications WHERE status = 'pending'"
                        + " ON CONFLICT DO NOTHING");
                queue.execute("ANALYZE notification_queue");
            }
            try (PreparedStatement explain = db.prepareStatement("EXPLAIN " + JdbcNotifications.CLAIM_DUE)) {
                explain.setTimestamp(1, Timestamp.from(NOW.plusSeconds(60)));
                explain.setTimestamp(2, Timestamp.from(NOW));
                explain.setInt(3, 50);
                StringBuilder plan = new StringBuilder();
                try (ResultSet lines = explain.executeQuery()) {
                    while (lines.next()) {
                        plan.append(lines.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString()).as(plan.toString()).contains("notification_queue_due")
                        .doesNotContain("Sort");
            }
        }
    }

    /** When the queue (not the notification) says this notification may next be taken; null when not queued. */
    private Instant queuedUntil(Notification n) {
        return session.queryOne("SELECT next_attempt_at FROM notification_queue WHERE notification_id = ?",
                List.of(n.id().value()), row -> row.getTimestamp(1).toInstant()).orElse(null);
    }

    @Test
    void a_notification_waits_in_the_queue_while_pending_and_leaves_it_when_sent_or_failed() {
        Notification planned = Notification.plan(UUID.randomUUID(), "order.paid", "order-q", Channel.WEBHOOK,
                "http://127.0.0.1:1/hook", "order.paid", "paid", NOW.plusSeconds(3_600));
        unitOfWork.inTransaction(() -> notifications.add(planned));
        assertThat(queuedUntil(planned)).isEqualTo(NOW.plusSeconds(3_600));

        Notification.Change retry = planned.record(DeliveryResult.failed(true, 503, "busy"), 3,
                attempt -> Duration.ofSeconds(10), NOW.plusSeconds(3_601));
        assertThat(unitOfWork.inTransaction(() -> notifications.replace(retry.notification(), 0,
                NotificationStatus.PENDING))).isTrue();
        assertThat(queuedUntil(planned)).as("queued for the next attempt").isEqualTo(NOW.plusSeconds(3_611));

        Notification.Change failed = retry.notification().record(DeliveryResult.failed(false, 400, "refused"), 3,
                attempt -> Duration.ofSeconds(10), NOW.plusSeconds(3_611));
        assertThat(unitOfWork.inTransaction(() -> notifications.replace(failed.notification(), 1,
                NotificationStatus.PENDING))).isTrue();
        assertThat(queuedUntil(planned)).as("failed: out of the queue").isNull();
        assertThat(unitOfWork.inTransaction(() -> notifications.replace(failed.notification(), 1,
                NotificationStatus.PENDING))).as("no longer as the caller read it").isFalse();

        Notification again = failed.notification().retry(NOW.plusSeconds(4_000));
        assertThat(unitOfWork.inTransaction(() -> notifications.replace(again, 2, NotificationStatus.FAILED))).isTrue();
        assertThat(queuedUntil(planned)).as("an operator's retry queues it again").isEqualTo(NOW.plusSeconds(4_000));

        Notification.Change sent = again.record(DeliveryResult.delivered(200), 3, attempt -> Duration.ofSeconds(10),
                NOW.plusSeconds(4_001));
        assertThat(unitOfWork.inTransaction(() -> notifications.replace(sent.notification(), 0,
                NotificationStatus.PENDING))).isTrue();
        assertThat(queuedUntil(planned)).as("sent: out of the queue").isNull();
        assertThat(notifications.byId(planned.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void notifications_added_in_one_transaction_are_written_at_its_commit_a_repeat_once_and_none_after_a_rollback() {
        UUID event = UUID.randomUUID();
        Notification first = plannedFor(event, "cust-a");
        Notification second = plannedFor(event, "cust-b");
        Notification repeat = plannedFor(event, "cust-a");

        unitOfWork.inTransaction(() -> {
            notifications.add(first);
            notifications.add(second);
            notifications.add(repeat);
        });
        unitOfWork.inTransaction(() -> notifications.add(plannedFor(event, "cust-b")));

        assertThat(notifications.find(new Notifications.Filter("order-" + event, null, null), PageRequest.of(1, 10))
                .items()).extracting(Notification::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(queuedUntil(first)).isEqualTo(NOW);
        assertThat(queuedUntil(second)).isEqualTo(NOW);

        Notification designChanged = Notification.plan(UUID.randomUUID(), "design.status_changed", null, Channel.LOG,
                "user u-1", "design.status_changed", "approved", NOW);
        Notification designArchived = Notification.plan(UUID.randomUUID(), "design.status_changed", null,
                Channel.LOG, "user u-2", "design.status_changed", "archived", NOW);
        unitOfWork.inTransaction(() -> {
            notifications.add(designChanged);
            notifications.add(designArchived);
        });
        assertThat(notifications.byId(designChanged.id())).as("no order: a null in the batch").isPresent()
                .get().usingRecursiveComparison().isEqualTo(designChanged);
        assertThat(notifications.byId(designArchived.id())).isPresent();

        Notification rolledBack = plannedFor(UUID.randomUUID(), "cust-c");
        assertThatThrownBy(() -> unitOfWork.inTransaction(() -> {
            notifications.add(rolledBack);
            notifications.add(plannedFor(UUID.randomUUID(), "cust-d"));
            throw new IllegalStateException("the handler failed after planning");
        })).hasMessage("the handler failed after planning");
        assertThat(notifications.byId(rolledBack.id())).isEmpty();
    }

    private static Notification plannedFor(UUID event, String customer) {
        return Notification.plan(event, "order.paid", "order-" + event, Channel.LOG, customer, "order.paid", "paid", NOW);
    }

    @Test
    void a_batch_of_outcomes_stores_each_notification_still_as_read_with_its_attempt_and_keeps_the_queue_in_step() {
        List<Notification> planned = new ArrayList<>();
        for (String order : List.of("order-sent", "order-retry", "order-overtaken", "order-refused")) {
            Notification n = Notification.plan(UUID.randomUUID(), "order.paid", order, Channel.WEBHOOK,
                    "http://127.0.0.1:1/hook", "order.paid", "paid", NOW);
            planned.add(n);
            unitOfWork.inTransaction(() -> notifications.add(n));
        }
        Notification sent = planned.get(0);
        Notification retry = planned.get(1);
        Notification overtaken = planned.get(2);
        Notification refused = planned.get(3);
        // Another dispatcher recorded an attempt of the third first.
        session.update("UPDATE notifications SET attempts = 1 WHERE id = ?", overtaken.id().value());
        Instant started = NOW.plusSeconds(1);
        Instant finished = NOW.plusSeconds(2);

        Set<NotificationId> stored = unitOfWork.inTransaction(() -> notifications.recordOutcomes(List.of(
                outcome(sent, DeliveryResult.delivered(204), started, finished),
                outcome(retry, DeliveryResult.failed(true, 503, "busy"), started, finished),
                outcome(overtaken, DeliveryResult.delivered(204), started, finished),
                outcome(refused, DeliveryResult.failed(false, 400, "bad request"), started, finished))));

        assertThat(stored).containsExactlyInAnyOrder(sent.id(), retry.id(), refused.id());
        assertThat(notifications.byId(refused.id()).orElseThrow().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(queuedUntil(refused)).as("failed: out of the queue").isNull();
        assertThat(notifications.byId(sent.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(queuedUntil(sent)).as("sent: out of the queue").isNull();
        Notification retried = notifications.byId(retry.id()).orElseThrow();
        assertThat(retried.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).isEqualTo("busy");
        assertThat(queuedUntil(retry)).as("queued for its next attempt").isEqualTo(finished.plusSeconds(10));
        assertThat(notifications.attemptsOf(sent.id())).singleElement()
                .isEqualTo(new Notifications.Attempt(sent.id(), 1, started, finished, true, 204, null));
        assertThat(notifications.attemptsOf(retry.id())).singleElement()
                .isEqualTo(new Notifications.Attempt(retry.id(), 1, started, finished, false, 503, "busy"));
        Notification untouched = notifications.byId(overtaken.id()).orElseThrow();
        assertThat(untouched.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(untouched.attempts()).isEqualTo(1);
        assertThat(notifications.attemptsOf(overtaken.id())).as("its attempt is left out with it").isEmpty();
        assertThat(queuedUntil(overtaken)).isEqualTo(NOW);
        assertThat(unitOfWork.inTransaction(() -> notifications.recordOutcomes(List.of())))
                .as("an empty batch stores nothing").isEmpty();
    }

    @Test
    void a_batch_with_one_notification_twice_is_refused_before_anything_is_written() {
        Notification n = Notification.plan(UUID.randomUUID(), "order.paid", "order-twice", Channel.LOG, "cust",
                "order.paid", "paid", NOW);
        unitOfWork.inTransaction(() -> notifications.add(n));
        Notifications.Outcome sent = outcome(n, DeliveryResult.delivered(200), NOW, NOW.plusSeconds(1));

        assertThatThrownBy(() -> unitOfWork.inTransaction(() -> notifications.recordOutcomes(List.of(sent, sent))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(notifications.byId(n.id()).orElseThrow().status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(notifications.attemptsOf(n.id())).isEmpty();
    }

    private static Notifications.Outcome outcome(Notification before, DeliveryResult result, Instant started,
            Instant finished) {
        Notification after = before.record(result, 3, attempt -> Duration.ofSeconds(10), finished).notification();
        return new Notifications.Outcome(after, before.attempts(), before.status(), new Notifications.Attempt(
                before.id(), after.attempts(), started, finished, result.delivered(), result.statusCode(),
                result.error()));
    }

    @Test
    void a_claim_leases_the_queue_row_and_leaves_the_notification_as_it_was() {
        Notification planned = Notification.plan(UUID.randomUUID(), "order.paid", "order-lease", Channel.LOG, "cust",
                "order.paid", "paid", NOW.minusSeconds(7_200));
        unitOfWork.inTransaction(() -> notifications.add(planned));

        List<Notification> claimed = unitOfWork.inTransaction(
                () -> notifications.claimDue(NOW, Duration.ofMinutes(1), 1));

        assertThat(claimed).extracting(Notification::id).containsExactly(planned.id());
        assertThat(queuedUntil(planned)).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(unitOfWork.inTransaction(() -> notifications.claimDue(NOW, Duration.ofMinutes(1), 50)))
                .extracting(Notification::id).doesNotContain(planned.id());
        assertThat(notifications.byId(planned.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(planned);
    }

    @Test
    void a_queue_row_left_for_a_notification_no_longer_pending_hands_nothing_out() {
        Notification planned = Notification.plan(UUID.randomUUID(), "order.paid", "order-old", Channel.LOG, "cust",
                "order.paid", "paid", NOW.minusSeconds(9_000));
        unitOfWork.inTransaction(() -> notifications.add(planned));
        // What an instance of the version before V9 did when it sent it: the notification only.
        session.update("UPDATE notifications SET status = 'sent', attempts = 1 WHERE id = ?", planned.id().value());

        assertThat(unitOfWork.inTransaction(() -> notifications.claimDue(NOW, Duration.ofMinutes(1), 50)))
                .extracting(Notification::id).doesNotContain(planned.id());
        assertThat(queuedUntil(planned)).as("its queue row is gone, so it takes no lease again").isNull();
    }

    @Test
    void compacting_vacuums_the_queue() {
        long before = vacuums();

        notifications.compact();

        assertThat(vacuums()).isEqualTo(before + 1);
    }

    private long vacuums() {
        return session.count("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'notification_queue'",
                List.of());
    }
}
