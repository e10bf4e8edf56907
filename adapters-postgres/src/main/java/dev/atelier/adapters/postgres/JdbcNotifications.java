package dev.atelier.adapters.postgres;

import dev.atelier.application.notifications.Notifications;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.notifications.NotificationId;
import dev.atelier.domain.notifications.NotificationStatus;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcNotifications implements Notifications {

    private static final String COLUMNS = "id, source_event_id, source_event_type, order_id, channel, recipient, template,"
            + " text, status, attempts, last_error, next_attempt_at, created_at, updated_at";

    private final JdbcSession session;

    JdbcNotifications(JdbcSession session) {
        this.session = session;
    }

    @Override
    public void add(Notification n) {
        session.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notifications (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setObject(1, n.id().value());
                insert.setObject(2, n.sourceEventId());
                insert.setString(3, n.sourceEventType());
                insert.setString(4, n.orderId());
                insert.setString(5, n.channel().wireName());
                insert.setString(6, n.recipient());
                insert.setString(7, n.template());
                insert.setString(8, n.text());
                insert.setString(9, n.status().wireName());
                insert.setInt(10, n.attempts());
                insert.setString(11, n.lastError());
                insert.setTimestamp(12, timestamp(n.nextAttemptAt()));
                insert.setTimestamp(13, timestamp(n.createdAt()));
                insert.setTimestamp(14, timestamp(n.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Notification> byId(NotificationId id) {
        List<Notification> found = query("SELECT " + COLUMNS + " FROM notifications WHERE id = ?", List.of(id.value()));
        return found.stream().findFirst();
    }

    @Override
    public boolean replace(Notification n, int expectedAttempts, NotificationStatus expectedStatus) {
        return session.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE notifications SET status = ?,"
                    + " attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ?"
                    + " WHERE id = ? AND attempts = ? AND status = ?")) {
                update.setString(1, n.status().wireName());
                update.setInt(2, n.attempts());
                update.setString(3, n.lastError());
                update.setTimestamp(4, timestamp(n.nextAttemptAt()));
                update.setTimestamp(5, timestamp(n.updatedAt()));
                update.setObject(6, n.id().value());
                update.setInt(7, expectedAttempts);
                update.setString(8, expectedStatus.wireName());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Notification> claimDue(Instant now, Duration lease, int limit) {
        return session.call(connection -> {
            try (PreparedStatement claim = connection.prepareStatement("UPDATE notifications SET next_attempt_at = ?"
                    + " WHERE id IN (SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= ?"
                    + " ORDER BY next_attempt_at, created_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)) {
                claim.setTimestamp(1, timestamp(now.plus(lease)));
                claim.setTimestamp(2, timestamp(now));
                claim.setInt(3, limit);
                List<Notification> claimed = new ArrayList<>();
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(toNotification(rows));
                    }
                }
                claimed.sort(java.util.Comparator.comparing(Notification::createdAt));
                return claimed;
            }
        });
    }

    @Override
    public void recordAttempt(Attempt attempt) {
        session.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification_attempts"
                    + " (notification_id, attempt, started_at, finished_at, delivered, status_code, error)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, attempt.notificationId().value());
                insert.setInt(2, attempt.attempt());
                insert.setTimestamp(3, timestamp(attempt.startedAt()));
                insert.setTimestamp(4, timestamp(attempt.finishedAt()));
                insert.setBoolean(5, attempt.delivered());
                insert.setInt(6, attempt.statusCode());
                insert.setString(7, attempt.error());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<Attempt> attemptsOf(NotificationId id) {
        return session.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT attempt, started_at, finished_at,"
                    + " delivered, status_code, error FROM notification_attempts WHERE notification_id = ?"
                    + " ORDER BY started_at")) {
                select.setObject(1, id.value());
                List<Attempt> attempts = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        attempts.add(new Attempt(id, rows.getInt(1), rows.getTimestamp(2).toInstant(),
                                rows.getTimestamp(3).toInstant(), rows.getBoolean(4), rows.getInt(5), rows.getString(6)));
                    }
                }
                return attempts;
            }
        });
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
        long total = session.call(connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM notifications" + where)) {
                for (int i = 0; i < parameters.size(); i++) {
                    count.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.size());
        paged.add(page.offset());
        return new Page<>(query("SELECT " + COLUMNS + " FROM notifications" + where
                + " ORDER BY created_at, id LIMIT ? OFFSET ?", paged), page.page(), page.size(), total);
    }

    private List<Notification> query(String sql, List<Object> parameters) {
        return session.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                List<Notification> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(toNotification(rows));
                    }
                }
                return found;
            }
        });
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
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
