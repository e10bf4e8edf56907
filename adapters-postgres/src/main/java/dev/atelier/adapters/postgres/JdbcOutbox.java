package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.adapters.postgres.JdbcSession.SqlArray;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
class JdbcOutbox implements EventOutbox, PendingEvents {

    /** Key of the transaction-scoped advisory lock that makes one relay at a time publish. */
    static final long RELAY_LOCK = 0x617465_6c696572L;
    static final int ERROR_LENGTH = 2000;

    static final String COLUMNS = "position, event_id, stream, event_type, aggregate_key, schema_version,"
            + " occurred_at, payload, traceparent, correlation_id, causation_id";

    static final String OLDEST = "SELECT " + COLUMNS + " FROM outbox ORDER BY position LIMIT ?";

    static final String OLDEST_EXCEPT = "SELECT " + COLUMNS + " FROM outbox WHERE aggregate_key <> ALL (?)"
            + " ORDER BY position LIMIT ?";

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

    /**
     * Besides the lock, tells the planner to read the queue through its primary key for the rest of the relay's
     * transaction, in the same round trip. A vacuum right after the relay emptied the queue records a table of
     * a few rows over many pages, and the planner then reads every page and sorts, on each batch until the
     * next statistics; the index walk touches only the front of the queue.
     */
    static final String LOCK = "SELECT pg_try_advisory_xact_lock(?), set_config('enable_seqscan', 'off', true),"
            + " set_config('enable_sort', 'off', true)";

    @Override
    public boolean tryLock() {
        return session.queryOne(LOCK, List.of(RELAY_LOCK), row -> row.getBoolean(1)).orElse(false);
    }

    @Override
    public List<OutboundEvent> oldest(int limit) {
        return session.query(OLDEST, List.of(limit), JdbcOutbox::event);
    }

    @Override
    public List<OutboundEvent> oldestExcept(int limit, Collection<String> keys) {
        return session.query(OLDEST_EXCEPT, List.of(new SqlArray("text", keys), limit), JdbcOutbox::event);
    }

    @Override
    public List<OutboundEvent> at(Collection<Long> positions) {
        return session.query("SELECT " + COLUMNS + " FROM outbox WHERE position = ANY (?) ORDER BY position",
                List.of(new SqlArray("bigint", positions)), JdbcOutbox::event);
    }

    /**
     * A published row is deleted rather than marked: marking it wrote a new version of the row with its payload,
     * and index entries for it, which was a fifth of the write-ahead log under load, and the rows kept for a
     * retention made every read of the queue longer.
     */
    @Override
    public void published(Collection<Long> positions) {
        session.update("DELETE FROM outbox WHERE position = ANY (?)", new SqlArray("bigint", positions));
    }

    /** Errors are cut to {@value #ERROR_LENGTH} characters: enough to tell why, never a row that grows unbounded. */
    @Override
    public void failed(Map<Long, String> errorsByPosition) {
        List<String> errors = errorsByPosition.values().stream()
                .map(error -> error == null ? "" : error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error)
                .toList();
        session.update("UPDATE outbox SET failed_attempts = failed_attempts + 1, last_error = failure.error"
                        + " FROM unnest(?::bigint[], ?::text[]) AS failure(position, error)"
                        + " WHERE outbox.position = failure.position",
                new SqlArray("bigint", errorsByPosition.keySet()), new SqlArray("text", errors));
    }

    /** See {@link JdbcSession#vacuumQueue}. */
    @Override
    public void compact() {
        session.vacuumQueue("outbox");
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

    /**
     * Up to this many waiting events are counted one by one; beyond it the backlog is the table's row estimate.
     * A count reads every row, and the metrics read the backlog every two seconds, also while it is large: under the
     * orders benchmark a full count took 77–147 ms a call, spread by PostgreSQL over parallel workers, so over every
     * core for that moment.
     */
    static final int COUNTED_UP_TO = 10_000;

    private static final int OLDEST_AMONG = 1_000;

    /**
     * The estimate is {@code reltuples}, which vacuum and analyze keep: autovacuum's analyze whenever about a tenth
     * of the table has changed, and the relay's compaction (every {@code compact-every} published events) while it
     * publishes. It is never taken below what was counted. The oldest event is looked for among the first
     * {@value #OLDEST_AMONG} by position, read from the primary key, not among them all: positions are taken when the
     * rows are written at commit, and {@code created_at} when their transaction began, so an event of a long
     * transaction can sit a little behind younger ones, never far.
     */
    @Override
    public Backlog backlog() {
        return session.queryOne("SELECT (SELECT count(*) FROM (SELECT FROM outbox LIMIT " + (COUNTED_UP_TO + 1)
                        + ") AS counted), (SELECT reltuples::bigint FROM pg_class WHERE oid = 'outbox'::regclass),"
                        + " (SELECT min(created_at) FROM (SELECT created_at FROM outbox ORDER BY position LIMIT "
                        + OLDEST_AMONG + ") AS first)", List.of(),
                row -> {
                    long counted = row.getLong(1);
                    Timestamp oldest = row.getTimestamp(3);
                    return new Backlog(counted > COUNTED_UP_TO ? Math.max(counted, row.getLong(2)) : counted,
                            oldest == null ? null : oldest.toInstant());
                })
                .orElseThrow();
    }
}
