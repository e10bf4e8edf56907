package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.sandbox.ParticipantLedger.Entry;
import dev.atelier.application.sandbox.SandboxRules.Verdict;
import dev.atelier.application.shared.UnitOfWork;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    private void record(String participant, UUID sagaId, String action, Verdict verdict) {
        unitOfWork.inTransaction(() -> ledger.recordAll(participant,
                List.of(new Entry(UUID.randomUUID(), sagaId, action, verdict))));
    }

    /** What a command of another saga finds of this saga's answers for one action: none. */
    private List<String> outcomes(String participant, UUID sagaId, String action) {
        return unitOfWork.inTransaction(() -> ledger.answers(participant, Set.of(UUID.randomUUID()), Set.of(sagaId)))
                .stream().filter(entry -> action.equals(entry.action())).map(entry -> entry.verdict().outcome()).toList();
    }

    /** What a re-sent command finds as its own answer, looked up with a saga that has no other answers. */
    private Optional<Verdict> answered(String participant, UUID command) {
        return unitOfWork.inTransaction(() -> ledger.answers(participant, Set.of(command), Set.of(UUID.randomUUID())))
                .stream().filter(entry -> entry.commandId().equals(command)).map(Entry::verdict).findFirst();
    }

    @Test
    void an_answer_is_kept_per_command_id_and_the_first_one_stays() {
        UUID saga = UUID.randomUUID();
        UUID command = UUID.randomUUID();
        unitOfWork.inTransaction(() -> {
            ledger.recordAll("payments", List.of(new Entry(command, saga, "charge", new Verdict("failed", "card declined"))));
            ledger.recordAll("payments", List.of(new Entry(command, saga, "charge", new Verdict("succeeded", null))));
        });

        assertThat(answered("payments", command)).contains(new Verdict("failed", "card declined"));
        assertThat(answered("inventory", command)).isEmpty();
    }

    @Test
    void a_run_of_answers_is_recorded_at_once_and_a_command_answered_before_keeps_its_first_answer() {
        UUID saga = UUID.randomUUID();
        UUID answeredBefore = UUID.randomUUID();
        UUID reserve = UUID.randomUUID();
        UUID release = UUID.randomUUID();
        record("inventory", saga, "reserve", new Verdict("succeeded", null));
        unitOfWork.inTransaction(() -> ledger.recordAll("inventory",
                List.of(new Entry(answeredBefore, saga, "reserve", new Verdict("failed", "out of stock")))));

        unitOfWork.inTransaction(() -> ledger.recordAll("inventory", List.of(
                new Entry(reserve, saga, "reserve", new Verdict("succeeded", null)),
                new Entry(answeredBefore, saga, "reserve", new Verdict("succeeded", null)),
                new Entry(release, saga, "release", new Verdict("failed", "warehouse closed")))));

        assertThat(answered("inventory", answeredBefore)).contains(new Verdict("failed", "out of stock"));
        assertThat(answered("inventory", reserve)).contains(new Verdict("succeeded", null));
        assertThat(answered("inventory", release)).contains(new Verdict("failed", "warehouse closed"));
        assertThat(outcomes("inventory", saga, "reserve")).containsExactlyInAnyOrder("succeeded", "failed", "succeeded");
    }

    @Test
    void one_read_finds_the_answers_of_several_commands_and_of_every_command_of_several_sagas() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID commandOfAnotherSaga = UUID.randomUUID();
        record("payments", first, "charge", new Verdict("succeeded", null));
        record("payments", second, "refund", new Verdict("succeeded", null));
        record("payments", UUID.randomUUID(), "charge", new Verdict("succeeded", null));
        unitOfWork.inTransaction(() -> ledger.recordAll("payments", List.of(
                new Entry(commandOfAnotherSaga, UUID.randomUUID(), "charge", new Verdict("failed", "card declined")))));

        List<Entry> found = unitOfWork.inTransaction(() -> ledger.answers("payments",
                Set.of(commandOfAnotherSaga, UUID.randomUUID()), Set.of(first, second)));

        assertThat(found).extracting(Entry::sagaId).filteredOn(saga -> saga.equals(first) || saga.equals(second))
                .containsExactlyInAnyOrder(first, second);
        assertThat(found).extracting(Entry::commandId).contains(commandOfAnotherSaga);
        assertThat(found).hasSize(3);
    }

    @Test
    void the_verdicts_of_a_saga_are_found_by_participant_and_action() {
        UUID saga = UUID.randomUUID();
        record("payments", saga, "charge", new Verdict("acted_silently", null));
        record("payments", saga, "refund", new Verdict("failed", "refund rejected by the bank"));
        record("payments", saga, "refund", new Verdict("succeeded", null));
        record("inventory", saga, "reserve", new Verdict("succeeded", null));
        record("payments", UUID.randomUUID(), "charge", new Verdict("succeeded", null));

        assertThat(outcomes("payments", saga, "charge")).containsExactly("acted_silently");
        assertThat(outcomes("payments", saga, "refund")).containsExactlyInAnyOrder("failed", "succeeded");
        assertThat(outcomes("inventory", saga, "release")).isEmpty();
        assertThat(outcomes("inventory", UUID.randomUUID(), "reserve")).isEmpty();
    }
}
