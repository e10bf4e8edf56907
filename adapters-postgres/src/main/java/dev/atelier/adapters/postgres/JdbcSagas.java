package dev.atelier.adapters.postgres;

import dev.atelier.adapters.postgres.JdbcSession.SqlArray;
import dev.atelier.application.sagas.Sagas;
import dev.atelier.application.shared.Replacement;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Sagas as JSON documents, with the columns that deadlines and lookups by order need. */
@Singleton
class JdbcSagas implements Sagas {

    /**
     * Adds a batch of new sagas, in their order, except those whose order has a saga (an earlier one of the batch
     * included: ON CONFLICT DO NOTHING sees it), and returns the ids it added.
     */
    static final String ADD_EACH = "INSERT INTO sagas (id, order_id, status, deadline_at, version, document, created_at,"
            + " updated_at) SELECT a.id, a.order_id, a.status, a.deadline_at, a.version, a.document::jsonb, a.created_at,"
            + " a.updated_at FROM unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::bigint[], ?::text[],"
            + " ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY AS a(id, order_id, status, deadline_at, version,"
            + " document, created_at, updated_at, n) ORDER BY a.n ON CONFLICT (order_id) DO NOTHING RETURNING id";

    /** The array type each value of a new saga travels in for {@link #ADD_EACH}, in its order. */
    private static final List<String> ADDED_ARRAY_TYPES = List.of("uuid", "text", "text", "text", "int8", "text",
            "text", "text");

    /**
     * Writes a batch of sagas, each only over the version it was read at, and returns the ids it wrote. The
     * document travels as text, since the driver has no array of jsonb to bind.
     */
    static final String REPLACE_ALL = "UPDATE sagas s SET status = r.status, deadline_at = r.deadline_at,"
            + " version = r.version, document = r.document::jsonb, updated_at = r.updated_at"
            + " FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::timestamptz[], ?::bigint[], ?::text[], ?::timestamptz[])"
            + " AS r(id, expected_version, status, deadline_at, version, document, updated_at)"
            + " WHERE s.id = r.id AND s.version = r.expected_version RETURNING s.id";

    /** The array type each value of a replacement travels in for {@link #REPLACE_ALL}, in its order. */
    private static final List<String> REPLACED_ARRAY_TYPES = List.of("uuid", "int8", "text", "text", "int8", "text",
            "text");

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
    public List<FulfilmentSaga> byIds(Collection<SagaId> ids) {
        return session.query("SELECT id, version, document FROM sagas WHERE id = ANY (?)",
                List.of(new SqlArray("uuid", ids.stream().map(SagaId::value).toList())), JdbcSagas::toSaga);
    }

    @Override
    public Optional<FulfilmentSaga> byOrderId(String orderId) {
        return one("SELECT id, version, document FROM sagas WHERE order_id = ?", orderId);
    }

    private Optional<FulfilmentSaga> one(String sql, Object parameter) {
        return session.queryOne(sql, List.of(parameter), JdbcSagas::toSaga);
    }

    @Override
    public Set<SagaId> addEachUnlessOrderHasOne(List<FulfilmentSaga> added) {
        List<List<Object>> rows = added.stream().map(saga -> Arrays.<Object>asList(saga.id().value(), saga.orderId(),
                saga.status().wireName(), saga.deadline(), saga.version(), StorageJson.write(SagaDocument.of(saga)),
                saga.createdAt(), saga.updatedAt())).toList();
        return new HashSet<>(session.query(ADD_EACH, JdbcSession.columns(rows, ADDED_ARRAY_TYPES),
                row -> new SagaId(row.getObject(1, UUID.class))));
    }

    @Override
    public Set<SagaId> replaceAll(List<Replacement<FulfilmentSaga>> replacements) {
        List<List<Object>> rows = replacements.stream().map(replacement -> {
            FulfilmentSaga saga = replacement.aggregate();
            return Arrays.<Object>asList(saga.id().value(), replacement.expectedVersion(), saga.status().wireName(),
                    saga.deadline(), saga.version(), StorageJson.write(SagaDocument.of(saga)), saga.updatedAt());
        }).toList();
        return new HashSet<>(session.query(REPLACE_ALL, JdbcSession.columns(rows, REPLACED_ARRAY_TYPES),
                row -> new SagaId(row.getObject(1, UUID.class))));
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
