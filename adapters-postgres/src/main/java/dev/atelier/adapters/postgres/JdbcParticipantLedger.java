package dev.atelier.adapters.postgres;

import dev.atelier.application.sandbox.ParticipantLedger;
import dev.atelier.application.sandbox.SandboxRules;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        return session.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT outcome, reason FROM sandbox_ledger WHERE participant = ? AND command_id = ?")) {
                select.setString(1, participant);
                select.setObject(2, commandId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new SandboxRules.Verdict(row.getString(1), row.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void record(String participant, UUID commandId, SandboxRules.Verdict verdict) {
        session.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sandbox_ledger (participant, command_id, outcome, reason) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")) {
                insert.setString(1, participant);
                insert.setObject(2, commandId);
                insert.setString(3, verdict.outcome());
                insert.setString(4, verdict.reason());
                return insert.executeUpdate();
            }
        });
    }
}
