package dev.atelier.adapters.postgres;

import dev.atelier.application.sandbox.ParticipantLedger;
import dev.atelier.application.sandbox.SandboxRules;
import dev.atelier.domain.sagas.SagaId;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcParticipantLedger implements ParticipantLedger {

    private final JdbcSession session;

    JdbcParticipantLedger(JdbcSession session) {
        this.session = session;
    }

    @Override
    public Optional<SandboxRules.Verdict> answered(String participant, UUID commandId) {
        return session.queryOne("SELECT outcome, reason FROM sandbox_ledger WHERE participant = ? AND command_id = ?",
                List.of(participant, commandId), row -> new SandboxRules.Verdict(row.getString(1), row.getString(2)));
    }

    @Override
    public void record(String participant, UUID commandId, String sagaId, String action, SandboxRules.Verdict verdict) {
        session.update("INSERT INTO sandbox_ledger (participant, command_id, saga_id, action, outcome, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                participant, commandId, SagaId.parse(sagaId).value(), action, verdict.outcome(), verdict.reason());
    }

    @Override
    public List<SandboxRules.Verdict> verdicts(String participant, String sagaId, String action) {
        return session.query("SELECT outcome, reason FROM sandbox_ledger WHERE saga_id = ? AND participant = ?"
                + " AND action = ?", List.of(SagaId.parse(sagaId).value(), participant, action),
                row -> new SandboxRules.Verdict(row.getString(1), row.getString(2)));
    }
}
