package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.domain.shared.DomainEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@Singleton
class JdbcOutbox implements EventOutbox, PendingEvents {

    /** Key of the transaction-scoped advisory lock that makes one relay at a time publish. */
    static final long RELAY_LOCK = 0x617465_6c696572L;

    private final JdbcSession session;
    private final EventPayloads payloads;
    private final OutboxWriter writer;

    JdbcOutbox(JdbcSession session, EventPayloads payloads, OutboxWriter writer) {
        this.session = session;
        this.payloads = payloads;
        this.writer = writer;
    }

    /** Written with the transaction's other outbox rows just before it commits; see {@link OutboxWriter}. */
    @Override
    public void append(DomainEvent event) {
        writer.write(event, payloads.toJson(event));
    }

    @Override
    public boolean tryLock() {
        return session.queryOne("SELECT pg_try_advisory_xact_lock(?)", List.of(RELAY_LOCK), row -> row.getBoolean(1))
                .orElse(false);
    }

    @Override
    public List<OutboundEvent> oldest(int limit) {
        return session.query("SELECT position, event_id, stream, event_type, aggregate_key, schema_version, occurred_at,"
                + " payload, traceparent, correlation_id, causation_id FROM outbox WHERE published_at IS NULL"
                + " ORDER BY position LIMIT ?", List.of(limit), rows -> new OutboundEvent(
                        rows.getLong("position"),
                        rows.getObject("event_id", UUID.class),
                        rows.getString("stream"),
                        rows.getString("event_type"),
                        rows.getString("aggregate_key"),
                        rows.getInt("schema_version"),
                        rows.getTimestamp("occurred_at").toInstant(),
                        rows.getString("payload").getBytes(StandardCharsets.UTF_8),
                        new MessageContext(rows.getString("traceparent"), rows.getString("correlation_id"),
                                rows.getString("causation_id"))));
    }

    @Override
    public Backlog backlog() {
        return session.queryOne("SELECT count(*), min(created_at) FROM outbox WHERE published_at IS NULL", List.of(),
                row -> new Backlog(row.getLong(1), row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant()))
                .orElseThrow();
    }

    @Override
    public int purgePublished(Instant before) {
        return session.update("DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ?", before);
    }

    @Override
    public void markPublished(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        session.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE outbox SET published_at = now() WHERE position = ANY (?)")) {
                update.setArray(1, connection.createArrayOf("bigint", positions.toArray()));
                return update.executeUpdate();
            }
        });
    }
}
