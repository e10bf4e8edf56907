package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.sandbox.ParticipantLedger.Entry;
import dev.atelier.application.sandbox.SandboxRules.Verdict;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.shared.InvalidValueException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
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

    /** What a command of another saga finds of this saga's answers for one action: none. */
    private List<String> outcomes(String participant, String sagaId, String action) {
        return unitOfWork.inTransaction(() -> ledger.answers(participant, UUID.randomUUID(), sagaId)).stream()
                .filter(entry -> action.equals(entry.action())).map(entry -> entry.verdict().outcome()).toList();
    }

    /** What a re-sent command finds as its own answer, looked up with a saga that has no other answers. */
    private Optional<Verdict> answered(String participant, UUID command) {
        return unitOfWork.inTransaction(() -> ledger.answers(participant, command, UUID.randomUUID().toString()))
                .stream().filter(entry -> entry.commandId().equals(command)).map(Entry::verdict).findFirst();
    }

    @Test
    void an_answer_is_kept_per_command_id_and_the_first_one_stays() {
        String saga = UUID.randomUUID().toString();
        UUID command = UUID.randomUUID();
        unitOfWork.inTransaction(() -> {
            ledger.record("payments", command, saga, "charge", new Verdict("failed", "card declined"));
            ledger.record("payments", command, saga, "charge", new Verdict("succeeded", null));
        });

        assertThat(answered("payments", command)).contains(new Verdict("failed", "card declined"));
        assertThat(answered("inventory", command)).isEmpty();
    }

    @Test
    void the_verdicts_of_a_saga_are_found_by_participant_and_action() {
        String saga = UUID.randomUUID().toString();
        record("payments", saga, "charge", new Verdict("acted_silently", null));
        record("payments", saga, "refund", new Verdict("failed", "refund rejected by the bank"));
        record("payments", saga, "refund", new Verdict("succeeded", null));
        record("inventory", saga, "reserve", new Verdict("succeeded", null));
        record("payments", UUID.randomUUID().toString(), "charge", new Verdict("succeeded", null));

        assertThat(outcomes("payments", saga, "charge")).containsExactly("acted_silently");
        assertThat(outcomes("payments", saga, "refund")).containsExactlyInAnyOrder("failed", "succeeded");
        assertThat(outcomes("inventory", saga, "release")).isEmpty();
        assertThat(outcomes("inventory", UUID.randomUUID().toString(), "reserve")).isEmpty();
    }

    @Test
    void a_saga_id_that_is_not_one_is_refused_for_good() {
        assertThatThrownBy(() -> record("payments", "not-a-saga", "charge", new Verdict("succeeded", null)))
                .isInstanceOf(InvalidValueException.class);
    }
}
