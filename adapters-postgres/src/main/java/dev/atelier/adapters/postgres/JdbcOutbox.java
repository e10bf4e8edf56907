package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.domain.shared.DomainEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

@Singleton
class JdbcOutbox implements EventOutbox, PendingEvents {

    /** Key of the transaction-scoped advisory lock that makes one relay at a time publish. */
    static final long RELAY_LOCK = 0x617465_6c696572L;

    static final String COLUMNS = "position, event_id, stream, event_type, aggregate_key, schema_version,"
            + " occurred_at, payload, traceparent, correlation_id, causation_id";

    /**
     * One statement finds the batch and marks it. The batch is picked by row address (ctid) so that each
     * row is fetched directly: matching on position let the planner choose a hash join over the whole
     * table, retained published rows included. Addresses are stable here because only the relay, holding
     * the relay lock, changes unpublished rows; repeating {@code published_at IS NULL} outside would let
     * the planner filter the whole unpublished index by address instead. RETURNING gives the rows in
     * storage order, hence the sort.
     */
    static final String CLAIM_OLDEST = "UPDATE outbox SET published_at = now() WHERE ctid = ANY (ARRAY("
            + "SELECT ctid FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT ?))"
            + " RETURNING " + COLUMNS;

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
    public List<OutboundEvent> claimOldest(int limit) {
        List<OutboundEvent> claimed = new ArrayList<>(session.query(CLAIM_OLDEST, List.of(limit), JdbcOutbox::event));
        claimed.sort(Comparator.comparingLong(OutboundEvent::position));
        return claimed;
    }

    @Override
    public void unclaim(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        session.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE outbox SET published_at = NULL WHERE position = ANY (?)")) {
                update.setArray(1, connection.createArrayOf("bigint", positions.toArray()));
                return update.executeUpdate();
            }
        });
    }

    static OutboundEvent event(ResultSet rows) throws SQLException {
        return new OutboundEvent(
                rows.getLong("position"),
                rows.getObject("event_id", UUID.class),
                rows.getString("stream"),
                rows.getString("event_type"),
                rows.getString("aggregate_key"),
                rows.getInt("schema_version"),
                rows.getTimestamp("occurred_at").toInstant(),
                rows.getString("payload").getBytes(StandardCharsets.UTF_8),
                new MessageContext(rows.getString("traceparent"), rows.getString("correlation_id"),
                        rows.getString("causation_id")));
    }

    @Override
    public Backlog backlog() {
        return session.queryOne("SELECT count(*), min(created_at) FROM outbox WHERE published_at IS NULL", List.of(),
                row -> new Backlog(row.getLong(1), row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant()))
                .orElseThrow();
    }

    @Override
    public int purgePublished(Instant before, int limit) {
        return session.update("DELETE FROM outbox WHERE ctid = ANY (ARRAY(SELECT ctid FROM outbox"
                + " WHERE published_at IS NOT NULL AND published_at < ? ORDER BY published_at LIMIT ?))", before, limit);
    }
}
