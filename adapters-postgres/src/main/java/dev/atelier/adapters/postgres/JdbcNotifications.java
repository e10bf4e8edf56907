package dev.atelier.adapters.postgres;

import dev.atelier.application.notifications.Notifications;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.notifications.NotificationId;
import dev.atelier.domain.notifications.NotificationStatus;
import dev.atelier.adapters.postgres.JdbcSession.SqlArray;
import jakarta.inject.Singleton;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Singleton
class JdbcNotifications implements Notifications {

    private static final String COLUMNS = "id, source_event_id, source_event_type, order_id, channel, recipient, template,"
            + " text, status, attempts, last_error, next_attempt_at, created_at, updated_at";

    /**
     * Takes a lease on the oldest due notifications in the queue (see V9), in the order of its index, and returns
     * each leased queue row with its notification if that is still pending. The lease only moves the queue row:
     * the notification itself is not rewritten to be claimed. A queue row whose notification is no longer
     * pending (an instance of an earlier version sent it) comes back without one; {@link #claimDue} removes it.
     * The lease is taken on the queue alone, so the plan walks the queue's index whatever the statistics of
     * notifications say.
     */
    static final String CLAIM_DUE = "WITH claimed AS (UPDATE notification_queue SET next_attempt_at = ?"
            + " WHERE notification_id IN (SELECT notification_id FROM notification_queue WHERE next_attempt_at <= ?"
            + " ORDER BY next_attempt_at, created_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING notification_id)"
            + " SELECT claimed.notification_id AS queued_id, " + COLUMNS.replaceAll("(\\w+)", "n.$1")
            + " FROM claimed LEFT JOIN notifications n ON n.id = claimed.notification_id AND n.status = 'pending'";

    /** Notifications written as pending join the queue in the same statement; a repeat is ignored. */
    private static final String ADDED_JOIN_THE_QUEUE = " ON CONFLICT DO NOTHING RETURNING id, status, next_attempt_at,"
            + " created_at) INSERT INTO notification_queue (notification_id, next_attempt_at, created_at)"
            + " SELECT id, next_attempt_at, created_at FROM added WHERE status = 'pending'";

    /** In the order they were planned, so that of two repeats the first is the one kept. */
    private static final String ADD_ALL = "WITH added AS (INSERT INTO notifications (" + COLUMNS + ") SELECT "
            + COLUMNS + " FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])"
            + " WITH ORDINALITY AS planned(" + COLUMNS + ", n) ORDER BY n" + ADDED_JOIN_THE_QUEUE;

    /** One notification with plain values: fourteen one-element arrays cost more to encode. */
    private static final String ADD_ONE = "WITH added AS (INSERT INTO notifications (" + COLUMNS + ") VALUES (?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + ADDED_JOIN_THE_QUEUE;

    /**
     * Keeps the queue in step with the notifications a statement's {@code changed} rewrote: pending again means
     * queued for its next attempt, sent or failed means out of the queue.
     */
    private static final String KEEP_QUEUE_IN_STEP = " queued AS (INSERT INTO notification_queue (notification_id,"
            + " next_attempt_at, created_at) SELECT id, next_attempt_at, created_at FROM changed WHERE status = 'pending'"
            + " ON CONFLICT (notification_id) DO UPDATE SET next_attempt_at = excluded.next_attempt_at),"
            + " dequeued AS (DELETE FROM notification_queue WHERE notification_id IN"
            + " (SELECT id FROM changed WHERE status <> 'pending'))";

    /** An operator's retry rewrites the notification only if it is still as the caller read it. */
    private static final String REPLACE = "WITH changed AS (UPDATE notifications SET status = ?, attempts = ?,"
            + " last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND attempts = ? AND status = ?"
            + " RETURNING id, status, next_attempt_at, created_at)," + KEEP_QUEUE_IN_STEP
            + " SELECT count(*) FROM changed";

    /**
     * A dispatcher's batch of outcomes in one statement, arrays in, ids of the rewritten notifications out: each
     * notification rewritten only if it is still as the dispatcher read it, and its attempt written with it.
     * One statement per outcome and one per attempt were the most frequent statements of the whole service.
     */
    static final String RECORD_OUTCOMES = "WITH outcome AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::int[],"
            + " ?::text[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::text[], ?::int[], ?::timestamptz[],"
            + " ?::timestamptz[], ?::boolean[], ?::int[], ?::text[]) AS o(id, status, attempts, last_error,"
            + " next_attempt_at, updated_at, expected_attempts, expected_status, attempt, started_at, finished_at,"
            + " delivered, status_code, error)),"
            + " changed AS (UPDATE notifications n SET status = o.status, attempts = o.attempts,"
            + " last_error = o.last_error, next_attempt_at = o.next_attempt_at, updated_at = o.updated_at"
            + " FROM outcome o WHERE n.id = o.id AND n.attempts = o.expected_attempts AND n.status = o.expected_status"
            + " RETURNING n.id, n.status, n.next_attempt_at, n.created_at)," + KEEP_QUEUE_IN_STEP + ","
            + " attempted AS (INSERT INTO notification_attempts (notification_id, attempt, started_at, finished_at,"
            + " delivered, status_code, error) SELECT o.id, o.attempt, o.started_at, o.finished_at, o.delivered,"
            + " o.status_code, o.error FROM outcome o JOIN changed ON changed.id = o.id)"
            + " SELECT id FROM changed";

    /** The array type each of {@link #COLUMNS} travels in for {@link #ADD_ALL}. */
    private static final List<String> ADDED_ARRAY_TYPES = List.of("uuid", "uuid", "text", "text", "text", "text", "text",
            "text", "text", "int4", "text", "text", "text", "text");

    /** The array type each value of an outcome travels in for {@link #RECORD_OUTCOMES}, in its order. */
    private static final List<String> OUTCOME_ARRAY_TYPES = List.of("uuid", "text", "int4", "text", "text", "text",
            "int4", "text", "int4", "text", "text", "bool", "int4", "text");

    private final JdbcSession session;
    private final WrittenAtCommit<Notification> added;

    JdbcNotifications(JdbcSession session, TransactionOperations<Connection> transactions) {
        this.session = session;
        this.added = new WrittenAtCommit<>(transactions, session, JdbcNotifications::insert, () -> { });
    }

    /**
     * Written with the transaction's other new notifications just before it commits (see {@link WrittenAtCommit}):
     * a consumer plans one or more for each event of a run it handles in one transaction.
     */
    @Override
    public void add(Notification n) {
        added.add(n);
    }

    private static void insert(Connection connection, List<Notification> planned) throws SQLException {
        List<List<Object>> rows = planned.stream().map(JdbcNotifications::values).toList();
        if (rows.size() == 1) {
            try (PreparedStatement statement = connection.prepareStatement(ADD_ONE)) {
                JdbcSession.bind(statement, rows.get(0));
                statement.executeUpdate();
            }
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(ADD_ALL)) {
            JdbcSession.bind(statement, JdbcSession.columns(rows, ADDED_ARRAY_TYPES));
            statement.executeUpdate();
        }
    }

    /** A notification's values in the order of {@link #COLUMNS}. */
    private static List<Object> values(Notification n) {
        return Arrays.asList(n.id().value(), n.sourceEventId(), n.sourceEventType(), n.orderId(),
                n.channel().wireName(), n.recipient(), n.template(), n.text(), n.status().wireName(), n.attempts(),
                n.lastError(), n.nextAttemptAt(), n.createdAt(), n.updatedAt());
    }

    @Override
    public Optional<Notification> byId(NotificationId id) {
        return session.queryOne("SELECT " + COLUMNS + " FROM notifications WHERE id = ?", List.of(id.value()),
                JdbcNotifications::toNotification);
    }

    @Override
    public boolean replace(Notification n, int expectedAttempts, NotificationStatus expectedStatus) {
        return session.count(REPLACE, Arrays.asList(n.status().wireName(), n.attempts(), n.lastError(),
                n.nextAttemptAt(), n.updatedAt(), n.id().value(), expectedAttempts, expectedStatus.wireName())) == 1;
    }

    @Override
    public List<Notification> claimDue(Instant now, Duration lease, int limit) {
        List<Notification> claimed = new ArrayList<>();
        List<UUID> stale = new ArrayList<>();
        session.query(CLAIM_DUE, List.of(now.plus(lease), now, limit), row -> {
            if (row.getObject("id") == null) {
                stale.add(row.getObject("queued_id", UUID.class));
            } else {
                claimed.add(toNotification(row));
            }
            return null;
        });
        if (!stale.isEmpty()) {
            session.update("DELETE FROM notification_queue WHERE notification_id = ANY (?)",
                    new SqlArray("uuid", stale));
        }
        claimed.sort(Comparator.comparing(Notification::createdAt));
        return claimed;
    }

    @Override
    public Set<NotificationId> recordOutcomes(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Set.of();
        }
        if (outcomes.stream().map(outcome -> outcome.after().id()).distinct().count() < outcomes.size()) {
            // One statement cannot apply two outcomes to one row in order; a batch never claims one twice.
            throw new IllegalArgumentException("a notification appears more than once in one batch of outcomes");
        }
        List<List<Object>> rows = outcomes.stream().map(outcome -> {
            Notification n = outcome.after();
            Attempt attempt = outcome.attempt();
            return Arrays.<Object>asList(n.id().value(), n.status().wireName(), n.attempts(), n.lastError(),
                    n.nextAttemptAt(), n.updatedAt(), outcome.expectedAttempts(), outcome.expectedStatus().wireName(),
                    attempt.attempt(), attempt.startedAt(), attempt.finishedAt(), attempt.delivered(),
                    attempt.statusCode(), attempt.error());
        }).toList();
        return new HashSet<>(session.query(RECORD_OUTCOMES, JdbcSession.columns(rows, OUTCOME_ARRAY_TYPES),
                row -> new NotificationId(row.getObject(1, UUID.class))));
    }

    /** See {@link JdbcSession#vacuumQueue}. */
    @Override
    public void compact() {
        session.vacuumQueue("notification_queue");
    }

    @Override
    public List<Attempt> attemptsOf(NotificationId id) {
        return session.query("SELECT attempt, started_at, finished_at, delivered, status_code, error"
                        + " FROM notification_attempts WHERE notification_id = ? ORDER BY started_at", List.of(id.value()),
                row -> new Attempt(id, row.getInt(1), row.getTimestamp(2).toInstant(), row.getTimestamp(3).toInstant(),
                        row.getBoolean(4), row.getInt(5), row.getString(6)));
    }

    @Override
    public Page<Notification> find(Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> parameters = new ArrayList<>();
        if (filter.orderId() != null) {
            where.append(" AND order_id = ?");
            parameters.add(filter.orderId());
        }
        if (filter.status() != null) {
            where.append(" AND status = ?");
            parameters.add(filter.status().wireName());
        }
        if (filter.channel() != null) {
            where.append(" AND channel = ?");
            parameters.add(filter.channel().wireName());
        }
        long total = session.count("SELECT count(*) FROM notifications" + where, parameters);
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.size());
        paged.add(page.offset());
        return new Page<>(session.query("SELECT " + COLUMNS + " FROM notifications" + where
                + " ORDER BY created_at, id LIMIT ? OFFSET ?", paged, JdbcNotifications::toNotification), page.page(),
                page.size(), total);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Notification toNotification(ResultSet row) throws SQLException {
        return Notification.restore(new NotificationId(row.getObject("id", UUID.class)),
                row.getObject("source_event_id", UUID.class), row.getString("source_event_type"), row.getString("order_id"),
                Channel.parse("channel", row.getString("channel")), row.getString("recipient"), row.getString("template"),
                row.getString("text"), NotificationStatus.parse("status", row.getString("status")), row.getInt("attempts"),
                row.getString("last_error"), instant(row, "next_attempt_at"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }
}
