package dev.atelier.adapters.postgres;

import dev.atelier.application.sagas.Sagas;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.SagaItem;
import dev.atelier.domain.sagas.SagaStatus;
import dev.atelier.domain.sagas.SagaStep;
import dev.atelier.domain.sagas.StepRecord;
import dev.atelier.domain.shared.Money;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sagas as JSON documents, with the columns that deadlines and lookups by order need. */
@Singleton
class JdbcSagas implements Sagas {

    private final JdbcSession session;

    JdbcSagas(JdbcSession session) {
        this.session = session;
    }

    /** The stored form of a saga's state. */
    record SagaDocument(String orderId, String customerId, List<SagaItem> items, Money amount, SagaStatus status,
                        SagaStep current, UUID commandId, int attempt, Instant deadline, List<SagaStep> succeeded,
                        List<SagaStep> compensations, boolean cancelRequested, String reason, List<StepRecord> timeline,
                        Instant createdAt, Instant updatedAt) {

        static SagaDocument of(FulfilmentSaga saga) {
            return new SagaDocument(saga.orderId(), saga.customerId(), saga.items(), saga.amount(), saga.status(),
                    saga.current(), saga.commandId(), saga.attempt(), saga.deadline(), saga.succeeded(),
                    saga.pendingCompensations(), saga.cancelRequested(), saga.reason(), saga.timeline(),
                    saga.createdAt(), saga.updatedAt());
        }

        FulfilmentSaga toSaga(SagaId id, long version) {
            return FulfilmentSaga.restore(id, orderId, customerId, items, amount, status, current, commandId, attempt,
                    deadline, succeeded, compensations, cancelRequested, reason, timeline, version, createdAt, updatedAt);
        }
    }

    @Override
    public Optional<FulfilmentSaga> byId(SagaId id) {
        return one("SELECT id, version, document FROM sagas WHERE id = ?", id.value());
    }

    @Override
    public Optional<FulfilmentSaga> byOrderId(String orderId) {
        return one("SELECT id, version, document FROM sagas WHERE order_id = ?", orderId);
    }

    private Optional<FulfilmentSaga> one(String sql, Object parameter) {
        return session.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, parameter);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(toSaga(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void add(FulfilmentSaga saga) {
        session.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sagas (id, order_id, status,"
                    + " deadline_at, version, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                insert.setObject(1, saga.id().value());
                insert.setString(2, saga.orderId());
                insert.setString(3, saga.status().wireName());
                insert.setTimestamp(4, saga.deadline() == null ? null : Timestamp.from(saga.deadline()));
                insert.setLong(5, saga.version());
                insert.setString(6, StorageJson.write(SagaDocument.of(saga)));
                insert.setTimestamp(7, Timestamp.from(saga.createdAt()));
                insert.setTimestamp(8, Timestamp.from(saga.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public boolean replace(FulfilmentSaga saga, long expectedVersion) {
        return session.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sagas SET status = ?, deadline_at = ?,"
                    + " version = ?, document = ?::jsonb, updated_at = ? WHERE id = ? AND version = ?")) {
                update.setString(1, saga.status().wireName());
                update.setTimestamp(2, saga.deadline() == null ? null : Timestamp.from(saga.deadline()));
                update.setLong(3, saga.version());
                update.setString(4, StorageJson.write(SagaDocument.of(saga)));
                update.setTimestamp(5, Timestamp.from(saga.updatedAt()));
                update.setObject(6, saga.id().value());
                update.setLong(7, expectedVersion);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<FulfilmentSaga> lockOverdue(Instant now, int limit) {
        return session.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, version, document FROM sagas"
                    + " WHERE deadline_at IS NOT NULL AND deadline_at <= ? ORDER BY deadline_at LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED")) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setInt(2, limit);
                List<FulfilmentSaga> overdue = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        overdue.add(toSaga(rows));
                    }
                }
                return overdue;
            }
        });
    }

    private static FulfilmentSaga toSaga(ResultSet row) throws SQLException {
        return StorageJson.read(row.getString("document"), SagaDocument.class)
                .toSaga(new SagaId(row.getObject("id", UUID.class)), row.getLong("version"));
    }
}
