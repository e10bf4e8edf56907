package dev.atelier.domain.sagas;

import static dev.atelier.domain.sagas.SagaStep.CHARGE_PAYMENT;
import static dev.atelier.domain.sagas.SagaStep.REFUND_PAYMENT;
import static dev.atelier.domain.sagas.SagaStep.RELEASE_INVENTORY;
import static dev.atelier.domain.sagas.SagaStep.REQUEST_ASSEMBLY;
import static dev.atelier.domain.sagas.SagaStep.RESERVE_INVENTORY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The saga's specification: given what happened so far, when something arrives, then these commands go
 * out and the saga is in this state. Reads top to bottom like the rules in SPEC §4.
 */
class FulfilmentSagaSpecification {

    private static final SagaPolicy POLICY = new SagaPolicy(Duration.ofSeconds(10), 3, Duration.ofSeconds(1));

    /** A saga under test and what its last input made it send. */
    private static final class Scenario {
        private FulfilmentSaga saga;
        private List<DomainEvent> sent;
        private Instant now = Instant.parse("2026-05-01T10:00:00Z");

        Scenario() {
            FulfilmentSaga.Decision decision = FulfilmentSaga.start(SagaId.madeAt(Instant.now()), "order-1", "customer-1",
                    List.of(new SagaItem("MUG-1", 2)), new Money(new BigDecimal("25.00"), "EUR"), POLICY, now);
            saga = decision.saga();
            sent = decision.messages();
        }

        Scenario replied(SagaStep step, boolean success) {
            assertThat(saga.current()).as("the saga waits for " + step).isEqualTo(step);
            return apply(saga.onReply(success ? StepReply.succeeded(saga.commandId())
                    : StepReply.failed(saga.commandId(), step.wireName() + " said no"), POLICY, now));
        }

        Scenario nothingToUndo(SagaStep compensation) {
            assertThat(saga.current()).as("the saga waits for " + compensation).isEqualTo(compensation);
            return apply(saga.onReply(StepReply.nothingToUndo(saga.commandId()), POLICY, now));
        }

        Scenario succeeded(SagaStep... steps) {
            for (SagaStep step : steps) {
                replied(step, true);
            }
            return this;
        }

        Scenario deadlinePassed() {
            now = now.plus(POLICY.stepTimeout()).plusSeconds(1);
            return apply(saga.onDeadline(POLICY, now));
        }

        Scenario backOffEnded() {
            assertThat(saga.commandId()).as("no command in flight while backing off").isNull();
            now = saga.deadline();
            return apply(saga.onDeadline(POLICY, now));
        }

        Scenario customerCanceled() {
            return apply(saga.requestCancel("changed my mind", now));
        }

        Scenario apply(FulfilmentSaga.Decision decision) {
            saga = decision.saga();
            sent = decision.messages();
            return this;
        }

        List<SagaStep> commands() {
            return sent.stream().filter(m -> m instanceof ParticipantCommand).map(m -> ((ParticipantCommand) m).step())
                    .toList();
        }

        List<String> events() {
            return sent.stream().filter(m -> m instanceof SagaEvent).map(DomainEvent::type).toList();
        }

        ParticipantCommand lastCommand() {
            return (ParticipantCommand) sent.stream().filter(m -> m instanceof ParticipantCommand).reduce((a, b) -> b)
                    .orElseThrow();
        }
    }

    @Test
    void commands_and_events_carry_time_ordered_ids_from_when_they_were_decided() {
        Scenario saga = new Scenario();

        assertThat(saga.sent).isNotEmpty().allSatisfy(message -> {
            assertThat(message.eventId().version()).isEqualTo(7);
            assertThat(message.eventId().getMostSignificantBits() >>> 16).isEqualTo(saga.now.toEpochMilli());
        });
        assertThat(saga.saga.commandId().version()).isEqualTo(7);
    }

    @Test
    void starting_asks_inventory_to_reserve_the_items() {
        Scenario saga = new Scenario();

        assertThat(saga.events()).containsExactly("saga.started");
        assertThat(saga.commands()).containsExactly(RESERVE_INVENTORY);
        ParticipantCommand reserve = saga.lastCommand();
        assertThat(reserve.stream()).isEqualTo("inventory.commands");
        assertThat(reserve.type()).isEqualTo("inventory.reserve");
        assertThat(reserve.items()).containsExactly(new SagaItem("MUG-1", 2));
        assertThat(reserve.aggregateId()).isEqualTo(saga.saga.id());
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.RUNNING);
    }

    @Test
    void each_success_leads_to_the_next_step_and_the_last_completes_the_saga() {
        Scenario saga = new Scenario().replied(RESERVE_INVENTORY, true);
        assertThat(saga.commands()).containsExactly(CHARGE_PAYMENT);
        assertThat(saga.lastCommand().amount()).isEqualTo(new Money(new BigDecimal("25.00"), "EUR"));

        saga.replied(CHARGE_PAYMENT, true);
        assertThat(saga.commands()).containsExactly(REQUEST_ASSEMBLY);

        saga.replied(REQUEST_ASSEMBLY, true);
        assertThat(saga.commands()).isEmpty();
        assertThat(saga.events()).containsExactly("saga.step_succeeded", "saga.completed");
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.saga.timeline()).extracting(StepRecord::step)
                .containsExactly(RESERVE_INVENTORY, CHARGE_PAYMENT, REQUEST_ASSEMBLY);
        assertThat(saga.saga.timeline()).allMatch(r -> r.outcome().equals(StepRecord.SUCCEEDED) && r.finishedAt() != null);
    }

    @Test
    void out_of_stock_cancels_with_nothing_to_undo_and_nothing_charged() {
        Scenario saga = new Scenario().replied(RESERVE_INVENTORY, false);

        assertThat(saga.commands()).isEmpty();
        assertThat(saga.events()).containsExactly("saga.step_failed", "saga.compensating", "saga.canceled");
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.CANCELED);
        assertThat(saga.saga.reason()).contains("reserve_inventory failed");
    }

    @Test
    void a_declined_payment_releases_the_inventory_and_cancels() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY).replied(CHARGE_PAYMENT, false);
        assertThat(saga.commands()).containsExactly(RELEASE_INVENTORY);
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.COMPENSATING);

        saga.replied(RELEASE_INVENTORY, true);
        assertThat(saga.events()).containsExactly("saga.step_succeeded", "saga.canceled");
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.CANCELED);
    }

    @Test
    void a_failed_assembly_refunds_then_releases_in_reverse_order() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY, CHARGE_PAYMENT).replied(REQUEST_ASSEMBLY, false);
        assertThat(saga.commands()).containsExactly(REFUND_PAYMENT);

        saga.replied(REFUND_PAYMENT, true);
        assertThat(saga.commands()).containsExactly(RELEASE_INVENTORY);

        saga.replied(RELEASE_INVENTORY, true);
        assertThat(saga.events()).containsExactly("saga.step_succeeded", "saga.refunded");
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.REFUNDED);
    }

    @Test
    void no_reply_resends_the_same_command_then_compensates_what_may_have_happened() {
        Scenario saga = new Scenario();
        UUID commandId = saga.lastCommand().commandId();

        saga.deadlinePassed();
        assertThat(saga.commands()).containsExactly(RESERVE_INVENTORY);
        assertThat(saga.lastCommand().commandId()).as("same command id, so the participant acts once").isEqualTo(commandId);
        assertThat(saga.lastCommand().attempt()).isEqualTo(2);

        saga.deadlinePassed();
        assertThat(saga.lastCommand().attempt()).isEqualTo(3);

        saga.deadlinePassed();
        assertThat(saga.commands()).as("the reservation may have happened: release it").containsExactly(RELEASE_INVENTORY);
        assertThat(saga.saga.reason()).contains("no reply from inventory").contains("3 attempts");
        assertThat(saga.saga.timeline()).extracting(StepRecord::outcome)
                .containsExactly("timed_out", "timed_out", "timed_out", "pending");

        saga.replied(RELEASE_INVENTORY, true);
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.CANCELED);
    }

    @Test
    void a_charge_that_never_answered_but_had_gone_through_ends_refunded() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY);
        saga.deadlinePassed().deadlinePassed().deadlinePassed();
        assertThat(saga.commands()).as("the charge may have happened: refund it").containsExactly(REFUND_PAYMENT);

        saga.replied(REFUND_PAYMENT, true);
        assertThat(saga.commands()).containsExactly(RELEASE_INVENTORY);
        assertThat(saga.saga.timeline()).last().extracting(StepRecord::step).isEqualTo(RELEASE_INVENTORY);
        assertThat(saga.saga.timeline().get(saga.saga.timeline().size() - 2).detail())
                .isEqualTo("undid charge_payment, which had taken effect without a reply");

        saga.replied(RELEASE_INVENTORY, true);
        assertThat(saga.events()).containsExactly("saga.step_succeeded", "saga.refunded");
        assertThat(saga.saga.status()).as("the customer paid and was paid back").isEqualTo(SagaStatus.REFUNDED);
    }

    @Test
    void a_charge_that_never_answered_and_never_went_through_ends_canceled() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY);
        saga.deadlinePassed().deadlinePassed().deadlinePassed();

        saga.nothingToUndo(REFUND_PAYMENT);
        assertThat(saga.saga.timeline().get(saga.saga.timeline().size() - 2).detail())
                .isEqualTo("nothing to undo: charge_payment had not taken effect");
        saga.replied(RELEASE_INVENTORY, true);

        assertThat(saga.events()).containsExactly("saga.step_succeeded", "saga.canceled");
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.CANCELED);
    }

    @Test
    void a_refund_after_an_answered_charge_ends_refunded_whatever_the_refund_says() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY, CHARGE_PAYMENT).replied(REQUEST_ASSEMBLY, false);

        saga.nothingToUndo(REFUND_PAYMENT);
        assertThat(saga.saga.timeline().get(saga.saga.timeline().size() - 2).detail())
                .isEqualTo("payments found nothing to undo, though charge_payment had succeeded");
        saga.replied(RELEASE_INVENTORY, true);

        assertThat(saga.saga.status()).isEqualTo(SagaStatus.REFUNDED);
    }

    @Test
    void a_late_answer_to_the_timed_out_charge_changes_nothing_the_refund_decides() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY);
        UUID charge = saga.lastCommand().commandId();
        saga.deadlinePassed().deadlinePassed().deadlinePassed();

        assertThat(saga.saga.onReply(StepReply.succeeded(charge), POLICY, saga.now).messages())
                .as("the charge's answer came after the saga gave up on it").isEmpty();
        assertThat(saga.saga.succeeded()).doesNotContain(CHARGE_PAYMENT);
        saga.replied(REFUND_PAYMENT, true).replied(RELEASE_INVENTORY, true);

        assertThat(saga.saga.status()).isEqualTo(SagaStatus.REFUNDED);
    }

    @Test
    void a_refund_refused_then_accepted_after_the_back_off_still_tells_that_the_charge_went_through() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY);
        saga.deadlinePassed().deadlinePassed().deadlinePassed();

        saga.replied(REFUND_PAYMENT, false).backOffEnded().replied(REFUND_PAYMENT, true).replied(RELEASE_INVENTORY, true);

        assertThat(saga.saga.status()).isEqualTo(SagaStatus.REFUNDED);
    }

    @Test
    void a_cancel_while_the_charge_goes_unanswered_refunds_what_went_through() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY).customerCanceled();
        saga.deadlinePassed().deadlinePassed().deadlinePassed();

        saga.replied(REFUND_PAYMENT, true).replied(RELEASE_INVENTORY, true);

        assertThat(saga.saga.status()).isEqualTo(SagaStatus.REFUNDED);
        assertThat(saga.saga.reason()).as("the customer's cancel came first").startsWith("canceled by the customer");
    }

    @Test
    void a_cancel_followed_by_a_declined_charge_ends_canceled_for_the_customers_reason() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY).customerCanceled();

        saga.replied(CHARGE_PAYMENT, false);
        assertThat(saga.events()).containsExactly("saga.step_failed", "saga.compensating");
        assertThat(saga.commands()).containsExactly(RELEASE_INVENTORY);
        saga.replied(RELEASE_INVENTORY, true);

        assertThat(saga.saga.status()).isEqualTo(SagaStatus.CANCELED);
        assertThat(saga.saga.reason()).startsWith("canceled by the customer");
        assertThat(saga.saga.timeline()).anySatisfy(record -> {
            assertThat(record.step()).isEqualTo(CHARGE_PAYMENT);
            assertThat(record.outcome()).isEqualTo(StepRecord.FAILED);
        });
    }

    @Test
    void a_refused_compensation_is_asked_again_after_a_back_off_as_a_new_command() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY, CHARGE_PAYMENT).replied(REQUEST_ASSEMBLY, false);
        UUID refused = saga.lastCommand().commandId();
        Instant refusedAt = saga.now;

        saga.replied(REFUND_PAYMENT, false);
        assertThat(saga.events()).containsExactly("saga.step_failed");
        assertThat(saga.commands()).as("not at once: the same participant would answer the same").isEmpty();
        assertThat(saga.saga.deadline()).isEqualTo(refusedAt.plusSeconds(1));
        assertThat(saga.saga.onReply(StepReply.succeeded(refused), POLICY, saga.now).messages())
                .as("a late answer to the refused command changes nothing").isEmpty();

        saga.backOffEnded();
        assertThat(saga.commands()).containsExactly(REFUND_PAYMENT);
        assertThat(saga.lastCommand().commandId()).as("a new command, not a repeat of the refused one")
                .isNotEqualTo(refused).isEqualTo(saga.saga.commandId());
        assertThat(saga.lastCommand().attempt()).isEqualTo(2);
        assertThat(saga.saga.deadline()).isEqualTo(saga.now.plus(POLICY.stepTimeout()));

        saga.replied(REFUND_PAYMENT, false);
        assertThat(saga.saga.deadline()).as("the back-off doubles").isEqualTo(saga.now.plusSeconds(2));
        saga.backOffEnded().succeeded(REFUND_PAYMENT, RELEASE_INVENTORY);

        assertThat(saga.saga.status()).isEqualTo(SagaStatus.REFUNDED);
        assertThat(saga.saga.timeline()).extracting(StepRecord::step, StepRecord::attempt, StepRecord::outcome)
                .containsSubsequence(
                        Tuple.tuple(REFUND_PAYMENT, 1, "failed"),
                        Tuple.tuple(REFUND_PAYMENT, 2, "failed"),
                        Tuple.tuple(REFUND_PAYMENT, 3, "succeeded"));
    }

    @Test
    void a_compensation_that_keeps_failing_ends_the_saga_failed_with_its_reason() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY, CHARGE_PAYMENT).replied(REQUEST_ASSEMBLY, false);

        saga.replied(REFUND_PAYMENT, false).backOffEnded();
        assertThat(saga.commands()).as("tried again").containsExactly(REFUND_PAYMENT);
        saga.replied(REFUND_PAYMENT, false).backOffEnded();
        saga.replied(REFUND_PAYMENT, false);

        assertThat(saga.commands()).isEmpty();
        assertThat(saga.events()).containsExactly("saga.step_failed", "saga.failed");
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.FAILED);
        assertThat(saga.saga.reason()).contains("refund_payment failed 3 times");
        assertThat(saga.saga.deadline()).as("nothing hangs: no deadline left").isNull();
    }

    @Test
    void a_compensation_without_replies_fails_rather_than_hanging() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY).replied(CHARGE_PAYMENT, false);
        saga.deadlinePassed().deadlinePassed().deadlinePassed();

        assertThat(saga.saga.status()).isEqualTo(SagaStatus.FAILED);
        assertThat(saga.saga.reason()).contains("no reply from inventory to release_inventory");
    }

    @Test
    void late_and_repeated_replies_change_nothing() {
        Scenario saga = new Scenario();
        UUID reserveCommand = saga.lastCommand().commandId();
        saga.replied(RESERVE_INVENTORY, true);
        long version = saga.saga.version();

        FulfilmentSaga.Decision repeated = saga.saga.onReply(StepReply.succeeded(reserveCommand), POLICY, Instant.now());
        FulfilmentSaga.Decision unknown = saga.saga.onReply(StepReply.failed(UUID.randomUUID(), "?"), POLICY, Instant.now());

        assertThat(repeated.messages()).isEmpty();
        assertThat(unknown.messages()).isEmpty();
        assertThat(repeated.changed(version)).isFalse();
        assertThat(saga.saga.current()).isEqualTo(CHARGE_PAYMENT);
    }

    @Test
    void a_deadline_that_has_not_passed_changes_nothing() {
        Scenario saga = new Scenario();
        assertThat(saga.saga.onDeadline(POLICY, saga.now.plusSeconds(5)).messages()).isEmpty();
    }

    @Test
    void a_cancel_waits_for_the_step_in_flight_then_undoes_everything_done() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY).customerCanceled();
        assertThat(saga.commands()).as("the charge in flight must answer first").isEmpty();

        saga.replied(CHARGE_PAYMENT, true);
        assertThat(saga.commands()).containsExactly(REFUND_PAYMENT);
        saga.succeeded(REFUND_PAYMENT, RELEASE_INVENTORY);

        assertThat(saga.saga.status()).isEqualTo(SagaStatus.REFUNDED);
        assertThat(saga.saga.reason()).contains("canceled by the customer");
    }

    @Test
    void a_cancel_before_anything_was_done_releases_the_reservation_when_it_arrives() {
        Scenario saga = new Scenario().customerCanceled().replied(RESERVE_INVENTORY, true);

        assertThat(saga.commands()).containsExactly(RELEASE_INVENTORY);
        saga.replied(RELEASE_INVENTORY, true);
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.CANCELED);
    }

    @Test
    void a_finished_saga_ignores_a_cancel() {
        Scenario saga = new Scenario().succeeded(RESERVE_INVENTORY, CHARGE_PAYMENT, REQUEST_ASSEMBLY);
        assertThat(saga.customerCanceled().sent).isEmpty();
        assertThat(saga.saga.status()).isEqualTo(SagaStatus.COMPLETED);
    }
}
