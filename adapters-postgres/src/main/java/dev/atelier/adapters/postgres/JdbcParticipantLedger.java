package dev.atelier.adapters.postgres;

import dev.atelier.application.sandbox.ParticipantLedger;
import dev.atelier.application.sandbox.SandboxRules;
import dev.atelier.domain.sagas.SagaId;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

@Singleton
class JdbcParticipantLedger implements ParticipantLedger {

    private final JdbcSession session;

    JdbcParticipantLedger(JdbcSession session) {
        this.session = session;
    }

    /** The command's own answer by the primary key, the saga's by its index: one round trip for both. */
    @Override
    public List<Entry> answers(String participant, UUID commandId, String sagaId) {
        return session.query("SELECT command_id, action, outcome, reason FROM sandbox_ledger WHERE participant = ?"
                + " AND (command_id = ? OR saga_id = ?)", List.of(participant, commandId, SagaId.parse(sagaId).value()),
                row -> new Entry(row.getObject(1, UUID.class), row.getString(2),
                        new SandboxRules.Verdict(row.getString(3), row.getString(4))));
    }

    @Override
    public void record(String participant, UUID commandId, String sagaId, String action, SandboxRules.Verdict verdict) {
        session.update("INSERT INTO sandbox_ledger (participant, command_id, saga_id, action, outcome, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                participant, commandId, SagaId.parse(sagaId).value(), action, verdict.outcome(), verdict.reason());
    }
}
