package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.MessageContext;
import dev.atelier.domain.shared.DomainEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Writes a transaction's outbox rows together, with one statement, just before the transaction commits (see
 * {@link WrittenAtCommit}): a consumer that handles a run of a few hundred events in one transaction appends about
 * as many events. The rows keep their append order (their position). Once the rows are committed the relay is
 * woken. It also lends one row's columns and values to a statement that writes an event with the change it
 * announces ({@link JdbcOrders#placeIfDesignsApproved}), which then wakes the relay through it.
 */
@Singleton
class OutboxWriter {

    /** The columns an outbox row is written with; the database numbers it (its position) and dates it. */
    static final String COLUMNS = "event_id, stream, event_type, aggregate_key, schema_version, occurred_at, payload,"
            + " traceparent, correlation_id, causation_id";

    /** One row's values in the order of {@link #COLUMNS}, as {@link #values} gives them. */
    static final String ONE_ROW = "?::uuid, ?::text, ?::text, ?::text, ?::int, ?::timestamptz, ?::text, ?::text, ?::text,"
            + " ?::text";

    private static final String INSERT = "INSERT INTO outbox (" + COLUMNS + ")"
            + " SELECT event_id, stream, event_type, aggregate_key, schema_version, occurred_at, payload, traceparent,"
            + " correlation_id, causation_id FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[],"
            + " ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS row(event_id, stream,"
            + " event_type, aggregate_key, schema_version, occurred_at, payload, traceparent, correlation_id,"
            + " causation_id, n) ORDER BY n";

    /**
     * Most transactions write one event (an order placed, a design changed): they bind ten plain values. Ten
     * one-element arrays to encode took about a tenth of the JVM's time spent placing an order.
     */
    private static final String INSERT_ONE = "INSERT INTO outbox (" + COLUMNS + ") VALUES (" + ONE_ROW + ")";

    private final JdbcUnitOfWork unitOfWork;
    private final OutboxCommitSignal commits;
    private final WrittenAtCommit<Row> rows;

    OutboxWriter(TransactionOperations<Connection> transactions, JdbcSession session, OutboxCommitSignal commits,
                 JdbcUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
        this.commits = commits;
        this.rows = new WrittenAtCommit<>(transactions, session, OutboxWriter::insert, commits::committed);
    }

    /** One outbox row; the message context is taken when the event is appended, not when it is written. */
    record Row(DomainEvent event, String payload, MessageContext context) {
    }

    void write(DomainEvent event, String payload) {
        write(event, payload, MessageContext.current());
    }

    /** Writes an event under a context of its own rather than the thread's (an event put back in the outbox). */
    void write(DomainEvent event, String payload, MessageContext context) {
        rows.add(new Row(event, payload, context));
    }

    /**
     * One row's values, in the order of {@link #COLUMNS}, for a statement that writes an event together with the
     * change it announces (see {@link JdbcOrders#placeIfDesignsApproved}); the caller then calls
     * {@link #wakeRelayOnCommit}. The message context is the thread's, as for a row appended.
     */
    static List<Object> values(DomainEvent event, String payload) {
        return values(event, payload, MessageContext.current());
    }

    private static List<Object> values(DomainEvent event, String payload, MessageContext context) {
        return Arrays.asList(event.eventId(), event.stream(), event.type(), event.aggregateId().asString(),
                event.schemaVersion(), event.occurredAt().toString(), payload, context.childTraceparent(),
                context.correlationId(), context.causationId());
    }

    /**
     * For a row written by a statement of its own ({@link #values}): wakes the relay once the transaction in
     * progress commits, or at once when there is none, since the statement then committed by itself.
     */
    void wakeRelayOnCommit() {
        unitOfWork.afterCommit(commits::committed);
    }

    private static void insert(Connection connection, List<Row> rows) throws SQLException {
        if (rows.size() == 1) {
            insertOne(connection, rows.get(0));
            return;
        }
        int size = rows.size();
        Object[] eventIds = new UUID[size];
        Object[] streams = new String[size];
        Object[] types = new String[size];
        Object[] keys = new String[size];
        Object[] versions = new Integer[size];
        Object[] occurredAt = new String[size];
        Object[] payloads = new String[size];
        Object[] traceparents = new String[size];
        Object[] correlationIds = new String[size];
        Object[] causationIds = new String[size];
        for (int i = 0; i < size; i++) {
            Row row = rows.get(i);
            DomainEvent event = row.event();
            eventIds[i] = event.eventId();
            streams[i] = event.stream();
            types[i] = event.type();
            keys[i] = event.aggregateId().asString();
            versions[i] = event.schemaVersion();
            occurredAt[i] = event.occurredAt().toString();
            payloads[i] = row.payload();
            traceparents[i] = row.context().childTraceparent();
            correlationIds[i] = row.context().correlationId();
            causationIds[i] = row.context().causationId();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setArray(1, connection.createArrayOf("uuid", eventIds));
            statement.setArray(2, connection.createArrayOf("text", streams));
            statement.setArray(3, connection.createArrayOf("text", types));
            statement.setArray(4, connection.createArrayOf("text", keys));
            statement.setArray(5, connection.createArrayOf("int4", versions));
            statement.setArray(6, connection.createArrayOf("text", occurredAt));
            statement.setArray(7, connection.createArrayOf("text", payloads));
            statement.setArray(8, connection.createArrayOf("text", traceparents));
            statement.setArray(9, connection.createArrayOf("text", correlationIds));
            statement.setArray(10, connection.createArrayOf("text", causationIds));
            statement.executeUpdate();
        }
    }

    private static void insertOne(Connection connection, Row row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_ONE)) {
            JdbcSession.bind(statement, values(row.event(), row.payload(), row.context()));
            statement.executeUpdate();
        }
    }
}
