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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
        return session.queryOne(sql, List.of(parameter), JdbcSagas::toSaga);
    }

    @Override
    public boolean addUnlessOrderHasOne(FulfilmentSaga saga) {
        return session.update("INSERT INTO sagas (id, order_id, status, deadline_at, version, document, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (order_id) DO NOTHING",
                saga.id().value(), saga.orderId(),
                saga.status().wireName(), saga.deadline(), saga.version(), StorageJson.write(SagaDocument.of(saga)),
                saga.createdAt(), saga.updatedAt()) == 1;
    }

    @Override
    public boolean replace(FulfilmentSaga saga, long expectedVersion) {
        return session.update("UPDATE sagas SET status = ?, deadline_at = ?, version = ?, document = ?::jsonb,"
                        + " updated_at = ? WHERE id = ? AND version = ?", saga.status().wireName(), saga.deadline(),
                saga.version(), StorageJson.write(SagaDocument.of(saga)), saga.updatedAt(), saga.id().value(),
                expectedVersion) == 1;
    }

    @Override
    public List<FulfilmentSaga> lockOverdue(Instant now, int limit) {
        return session.query("SELECT id, version, document FROM sagas WHERE deadline_at IS NOT NULL AND deadline_at <= ?"
                + " ORDER BY deadline_at LIMIT ? FOR UPDATE SKIP LOCKED", List.of(now, limit), JdbcSagas::toSaga);
    }

    private static FulfilmentSaga toSaga(ResultSet row) throws SQLException {
        return StorageJson.read(row.getString("document"), SagaDocument.class)
                .toSaga(new SagaId(row.getObject("id", UUID.class)), row.getLong("version"));
    }
}
