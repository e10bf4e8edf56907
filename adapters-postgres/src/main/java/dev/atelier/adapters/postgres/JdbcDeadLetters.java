package dev.atelier.adapters.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.adapters.postgres.JdbcSession.SqlArray;
import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterFilter;
import dev.atelier.application.messaging.DeadLetters;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.shared.Texts;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The dead-letter index: what the REST and CLI operations list, replay and discard. */
@Singleton
class JdbcDeadLetters implements DeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, sequence, consumer, message_key, event_id, event_type, source_topic,"
            + " source_partition, source_offset, value, headers, error, attempts, failed_at, status";

    private final JdbcSession session;

    JdbcDeadLetters(JdbcSession session) {
        this.session = session;
    }

    @Override
    public DeadLetter park(DeadLetter letter) {
        return session.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO dead_letters (id, consumer, message_key, event_id, event_type, order_id, source_topic,"
                            + " source_partition, source_offset, value, headers, error, attempts, failed_at, status)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, 'parked') RETURNING sequence")) {
                insert.setObject(1, letter.id());
                insert.setString(2, letter.consumer());
                insert.setString(3, letter.key());
                insert.setObject(4, letter.eventId());
                insert.setString(5, letter.eventType());
                // The key and headers came without NUL (WireText); what the payload or an error says may have one.
                insert.setString(6, Texts.withoutNul(orderIdIn(letter.value())));
                insert.setString(7, letter.source());
                insert.setInt(8, letter.partition());
                insert.setLong(9, letter.offset());
                insert.setBytes(10, letter.value());
                insert.setString(11, JSON.writeValueAsString(letter.headers()));
                insert.setString(12, Texts.withoutNul(letter.error()));
                insert.setInt(13, letter.attempts());
                insert.setTimestamp(14, Timestamp.from(letter.failedAt()));
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return new DeadLetter(letter.id(), row.getLong(1), letter.consumer(), letter.key(), letter.eventId(),
                            letter.eventType(), letter.source(), letter.partition(), letter.offset(), letter.value(),
                            letter.headers(), letter.error(), letter.attempts(), letter.failedAt(),
                            DeadLetter.Status.PARKED);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Seed 002 wants the order id on a dead letter "where it can be read": from a JSON payload that has one. */
    private static String orderIdIn(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode orderId = JSON.readTree(value).get("order_id");
            return orderId == null || orderId.isNull() ? null : orderId.asText();
        } catch (java.io.IOException | RuntimeException notJson) {
            return null;
        }
    }

    @Override
    public boolean blocks(String consumer, String key) {
        return session.queryOne("SELECT 1 FROM dead_letters WHERE consumer = ? AND message_key = ? AND status = 'parked'"
                + " LIMIT 1", List.of(consumer, key), row -> true).isPresent();
    }

    @Override
    public java.util.Set<String> blockedAmong(String consumer, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(session.query("SELECT DISTINCT message_key FROM dead_letters"
                        + " WHERE consumer = ? AND status = 'parked' AND message_key = ANY (?)",
                List.of(consumer, new SqlArray("text", keys)), row -> row.getString(1)));
    }

    @Override
    public Optional<DeadLetter> find(UUID id) {
        return session.queryOne("SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?", List.of(id),
                JdbcDeadLetters::toLetter);
    }

    @Override
    public List<DeadLetter> parkedOfKey(String consumer, String key) {
        if (key == null) {
            return session.query("SELECT " + COLUMNS + " FROM dead_letters WHERE consumer = ? AND message_key IS NULL"
                    + " AND status = 'parked' ORDER BY sequence", List.of(consumer), JdbcDeadLetters::toLetter);
        }
        return session.query("SELECT " + COLUMNS + " FROM dead_letters WHERE consumer = ? AND message_key = ?"
                + " AND status = 'parked' ORDER BY sequence", List.of(consumer, key), JdbcDeadLetters::toLetter);
    }

    @Override
    public Page<DeadLetter> list(DeadLetterFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> parameters = new ArrayList<>();
        addFilter(where, parameters, "consumer", filter.consumer());
        addFilter(where, parameters, "source_topic", filter.source());
        addFilter(where, parameters, "event_type", filter.eventType());
        addFilter(where, parameters, "message_key", filter.key());
        addFilter(where, parameters, "status", filter.status() == null ? null : filter.status().wireName());
        long total = session.count("SELECT count(*) FROM dead_letters" + where, parameters);
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.size());
        paged.add(page.offset());
        List<DeadLetter> items = session.query("SELECT " + COLUMNS + " FROM dead_letters" + where
                + " ORDER BY sequence LIMIT ? OFFSET ?", paged, JdbcDeadLetters::toLetter);
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public boolean markReplayed(UUID id) {
        return resolve(id, DeadLetter.Status.REPLAYED);
    }

    @Override
    public void markDiscarded(UUID id) {
        resolve(id, DeadLetter.Status.DISCARDED);
    }

    /** Only a parked message changes: the row lock makes a second caller wait, then find it resolved. */
    private boolean resolve(UUID id, DeadLetter.Status status) {
        return 1 == session.update(
                "UPDATE dead_letters SET status = ?, resolved_at = now() WHERE id = ? AND status = 'parked'",
                status.wireName(), id);
    }

    private static void addFilter(StringBuilder where, List<Object> parameters, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    private static DeadLetter toLetter(ResultSet row) throws SQLException {
        Map<String, String> headers;
        try {
            headers = JSON.readValue(row.getString("headers"), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable headers of dead letter " + row.getObject("id"), e);
        }
        return new DeadLetter(row.getObject("id", UUID.class), row.getLong("sequence"), row.getString("consumer"),
                row.getString("message_key"), row.getObject("event_id", UUID.class), row.getString("event_type"),
                row.getString("source_topic"), row.getInt("source_partition"), row.getLong("source_offset"),
                row.getBytes("value"), headers, row.getString("error"), row.getInt("attempts"),
                row.getTimestamp("failed_at").toInstant(),
                DeadLetter.Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)));
    }
}
