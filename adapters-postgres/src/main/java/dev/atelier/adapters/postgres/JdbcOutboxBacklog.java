package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.OutboxBacklog;
import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.Key;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox as an operator sees it; the relay's side is {@link JdbcOutbox}. */
@Singleton
class JdbcOutboxBacklog implements OutboxBacklog {

    private static final String COLUMNS = JdbcOutbox.COLUMNS + ", created_at, failed_attempts, last_error";

    private final JdbcSession session;
    private final OutboxWriter writer;

    JdbcOutboxBacklog(JdbcSession session, OutboxWriter writer) {
        this.session = session;
        this.writer = writer;
    }

    @Override
    public List<WaitingEvent> oldest(int limit) {
        return session.query("SELECT " + COLUMNS + " FROM outbox ORDER BY position LIMIT ?", List.of(limit),
                JdbcOutboxBacklog::waiting);
    }

    @Override
    public Optional<WaitingEvent> take(long position) {
        return session.queryOne("DELETE FROM outbox WHERE position = ? RETURNING " + COLUMNS, List.of(position),
                JdbcOutboxBacklog::waiting);
    }

    /** Through the writer, so that the row is written with the transaction's others and the relay is woken. */
    @Override
    public void requeue(OutboundEvent event) {
        writer.write(new Requeued(event), new String(event.payload(), StandardCharsets.UTF_8), event.context());
    }

    private static WaitingEvent waiting(ResultSet row) throws SQLException {
        return new WaitingEvent(JdbcOutbox.event(row), row.getTimestamp("created_at").toInstant(),
                row.getInt("failed_attempts"), row.getString("last_error"));
    }

    /** An event that was in the outbox before, as the writer takes it: its payload is already JSON. */
    private record Requeued(OutboundEvent event) implements DomainEvent {

        @Override
        public UUID eventId() {
            return event.eventId();
        }

        @Override
        public String type() {
            return event.type();
        }

        @Override
        public String stream() {
            return event.stream();
        }

        @Override
        public Identifier aggregateId() {
            return new Key(event.key());
        }

        @Override
        public Instant occurredAt() {
            return event.occurredAt();
        }

        @Override
        public int schemaVersion() {
            return event.schemaVersion();
        }
    }
}
