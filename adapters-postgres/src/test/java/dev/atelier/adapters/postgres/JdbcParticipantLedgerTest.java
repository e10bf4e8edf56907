package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.sandbox.SandboxRules.Verdict;
import dev.atelier.application.shared.UnitOfWork;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sandbox's books: one answer per command id, and which actions took effect for which saga. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcParticipantLedgerTest implements PostgresTestDatabase {

    @Inject
    JdbcParticipantLedger ledger;

    @Inject
    UnitOfWork unitOfWork;

    private void record(String participant, String sagaId, String action, Verdict verdict) {
        unitOfWork.inTransaction(() -> ledger.record(participant, UUID.randomUUID(), sagaId, action, verdict));
    }

    private boolean tookEffect(String participant, String sagaId, String action) {
        return unitOfWork.inTransaction(() -> ledger.tookEffect(participant, sagaId, action));
    }

    @Test
    void an_answer_is_kept_per_command_id_and_the_first_one_stays() {
        String saga = UUID.randomUUID().toString();
        UUID command = UUID.randomUUID();
        unitOfWork.inTransaction(() -> {
            ledger.record("payments", command, saga, "charge", new Verdict("failed", "card declined"));
            ledger.record("payments", command, saga, "charge", new Verdict("succeeded", null));
        });

        assertThat(unitOfWork.inTransaction(() -> ledger.answered("payments", command)))
                .contains(new Verdict("failed", "card declined"));
        assertThat(unitOfWork.inTransaction(() -> ledger.answered("inventory", command))).isEmpty();
    }

    @Test
    void a_charge_took_effect_when_it_succeeded_or_was_taken_without_an_answer() {
        String saga = UUID.randomUUID().toString();
        String lost = UUID.randomUUID().toString();
        record("payments", saga, "charge", new Verdict("succeeded", null));
        record("payments", lost, "charge", new Verdict("acted_silently", null));

        assertThat(tookEffect("payments", saga, "charge")).isTrue();
        assertThat(tookEffect("payments", lost, "charge")).isTrue();
    }

    @Test
    void nothing_took_effect_for_a_refusal_a_silence_another_saga_action_or_participant() {
        String saga = UUID.randomUUID().toString();
        String declined = UUID.randomUUID().toString();
        String silent = UUID.randomUUID().toString();
        record("payments", declined, "charge", new Verdict("failed", "card declined"));
        record("inventory", silent, "reserve", new Verdict("silent", null));
        record("payments", saga, "refund", new Verdict("succeeded", null));

        assertThat(tookEffect("payments", declined, "charge")).isFalse();
        assertThat(tookEffect("inventory", silent, "reserve")).isFalse();
        assertThat(tookEffect("payments", saga, "charge")).as("only the refund was recorded").isFalse();
        assertThat(tookEffect("inventory", saga, "refund")).isFalse();
        assertThat(tookEffect("payments", UUID.randomUUID().toString(), "charge")).isFalse();
    }
}
