package dev.atelier.adapters.postgres;

import dev.atelier.adapters.postgres.JdbcSession.SqlArray;
import dev.atelier.application.sandbox.ParticipantLedger;
import dev.atelier.application.sandbox.SandboxRules;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@Singleton
class JdbcParticipantLedger implements ParticipantLedger {

    /** A run's answers in one statement; the primary key keeps a command's first answer. */
    static final String RECORD_ALL = "INSERT INTO sandbox_ledger (participant, command_id, saga_id, action, outcome,"
            + " reason) SELECT ?, a.command_id, a.saga_id, a.action, a.outcome, a.reason"
            + " FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[])"
            + " AS a(command_id, saga_id, action, outcome, reason)"
            + " ON CONFLICT DO NOTHING";

    private static final List<String> RECORDED_ARRAY_TYPES = List.of("uuid", "uuid", "text", "text", "text");

    private final JdbcSession session;

    JdbcParticipantLedger(JdbcSession session) {
        this.session = session;
    }

    /** The commands' own answers by the primary key, the sagas' by their index: one round trip for all. */
    @Override
    public List<Entry> answers(String participant, Collection<UUID> commandIds, Collection<UUID> sagaIds) {
        return session.query("SELECT command_id, saga_id, action, outcome, reason FROM sandbox_ledger"
                        + " WHERE participant = ? AND (command_id = ANY (?) OR saga_id = ANY (?))",
                List.of(participant, new SqlArray("uuid", commandIds), new SqlArray("uuid", sagaIds)),
                row -> new Entry(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                        new SandboxRules.Verdict(row.getString(4), row.getString(5))));
    }

    @Override
    public void recordAll(String participant, List<Entry> answers) {
        List<List<Object>> rows = answers.stream().map(entry -> Arrays.<Object>asList(entry.commandId(),
                entry.sagaId(), entry.action(), entry.verdict().outcome(), entry.verdict().reason())).toList();
        List<Object> parameters = new ArrayList<>();
        parameters.add(participant);
        parameters.addAll(JdbcSession.columns(rows, RECORDED_ARRAY_TYPES));
        session.update(RECORD_ALL, parameters.toArray());
    }
}
