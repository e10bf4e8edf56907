package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.MessageContext;
import dev.atelier.domain.shared.DomainEvent;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a transaction's outbox rows together, with one statement, just before the transaction commits.
 * A consumer that handles a run of a few hundred events in one transaction appends about as many events;
 * one round trip for all of them instead of one each is much of what handling them together saves.
 * The rows keep their append order (their position), and a write that fails fails the commit, so the
 * transaction rolls back as a whole, as it would have with a row written at once. Once the rows are committed
 * the relay is woken.
 */
@Singleton
class OutboxWriter {

    private static final String INSERT = "INSERT INTO outbox (event_id, stream, event_type, aggregate_key,"
            + " schema_version, occurred_at, payload, traceparent, correlation_id, causation_id)"
            + " SELECT event_id, stream, event_type, aggregate_key, schema_version, occurred_at, payload, traceparent,"
            + " correlation_id, causation_id FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[],"
            + " ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS row(event_id, stream,"
            + " event_type, aggregate_key, schema_version, occurred_at, payload, traceparent, correlation_id,"
            + " causation_id, n) ORDER BY n";

    /**
     * Most transactions write one event (an order placed, a design changed): they bind ten plain values. Ten
     * one-element arrays to encode took about a tenth of the JVM's time spent placing an order.
     */
    private static final String INSERT_ONE = "INSERT INTO outbox (event_id, stream, event_type, aggregate_key,"
            + " schema_version, occurred_at, payload, traceparent, correlation_id, causation_id)"
            + " VALUES (?, ?, ?, ?, ?, ?::timestamptz, ?, ?, ?, ?)";

    private final TransactionOperations<Connection> transactions;
    private final JdbcSession session;
    private final OutboxCommitSignal commits;
    private final Map<Connection, PendingRows> pending = new ConcurrentHashMap<>();

    OutboxWriter(TransactionOperations<Connection> transactions, JdbcSession session, OutboxCommitSignal commits) {
        this.transactions = transactions;
        this.session = session;
        this.commits = commits;
    }

    /** One outbox row; the message context is taken when the event is appended, not when it is written. */
    record Row(DomainEvent event, String payload, MessageContext context) {
    }

    void write(DomainEvent event, String payload) {
        write(event, payload, MessageContext.current());
    }

    /** Writes an event under a context of its own rather than the thread's (an event put back in the outbox). */
    void write(DomainEvent event, String payload, MessageContext context) {
        Row row = new Row(event, payload, context);
        Optional<? extends TransactionStatus<?>> transaction = transactions.findTransactionStatus();
        if (transaction.isEmpty()) {
            session.call(connection -> insert(connection, List.of(row)));
            commits.committed();
            return;
        }
        TransactionStatus<?> status = transaction.get();
        Connection connection = (Connection) status.getConnection();
        pending.computeIfAbsent(connection, key -> {
            PendingRows rows = new PendingRows(key);
            status.registerSynchronization(rows);
            return rows;
        }).add(row);
    }

    private static int insert(Connection connection, List<Row> rows) throws SQLException {
        if (rows.size() == 1) {
            return insertOne(connection, rows.get(0));
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
            return statement.executeUpdate();
        }
    }

    private static int insertOne(Connection connection, Row row) throws SQLException {
        DomainEvent event = row.event();
        try (PreparedStatement statement = connection.prepareStatement(INSERT_ONE)) {
            statement.setObject(1, event.eventId());
            statement.setString(2, event.stream());
            statement.setString(3, event.type());
            statement.setString(4, event.aggregateId().asString());
            statement.setInt(5, event.schemaVersion());
            statement.setString(6, event.occurredAt().toString());
            statement.setString(7, row.payload());
            statement.setString(8, row.context().childTraceparent());
            statement.setString(9, row.context().correlationId());
            statement.setString(10, row.context().causationId());
            return statement.executeUpdate();
        }
    }

    /** The rows one transaction appended; written before it commits, forgotten however it ends. */
    private final class PendingRows implements TransactionSynchronization {

        private final Connection connection;
        private final List<Row> rows = new ArrayList<>();

        PendingRows(Connection connection) {
            this.connection = connection;
        }

        void add(Row row) {
            rows.add(row);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            pending.remove(connection);
            try {
                insert(connection, rows);
            } catch (SQLException e) {
                throw new DataAccessException("SQL failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void afterCommit() {
            commits.committed();
        }

        @Override
        public void afterCompletion(Status status) {
            pending.remove(connection, this);
        }
    }
}
