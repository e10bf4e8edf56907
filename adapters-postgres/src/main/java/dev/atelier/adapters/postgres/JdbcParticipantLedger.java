package dev.atelier.adapters.postgres;

import dev.atelier.application.sandbox.ParticipantLedger;
import dev.atelier.application.sandbox.SandboxRules;
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
    public void record(String participant, UUID commandId, SandboxRules.Verdict verdict) {
        session.update("INSERT INTO sandbox_ledger (participant, command_id, outcome, reason) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", participant, commandId, verdict.outcome(), verdict.reason());
    }
}
