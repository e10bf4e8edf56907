package dev.atelier.application.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.testing.ManualClock;
import dev.atelier.application.testing.PayloadsByEventId;
import dev.atelier.domain.shared.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A sandbox participant answers each command its latency after the command was issued, once per command id. */
class SandboxParticipantTest {

    private static final Duration LATENCY = Duration.ofSeconds(2);


    private final ManualClock clock = new ManualClock();
    private final List<Duration> waits = new ArrayList<>();
    private final TransactionalFakes outbox = new TransactionalFakes();
    private final PayloadsByEventId commands = new PayloadsByEventId();
    private final Map<UUID, Recorded> ledger = new HashMap<>();

    private record Recorded(String participant, UUID sagaId, String action, SandboxRules.Verdict verdict) {
    }

    private final AtomicInteger ledgerReads = new AtomicInteger();
    private final AtomicInteger ledgerWrites = new AtomicInteger();

    private final SandboxParticipant inventory = participant("inventory");

    private SandboxParticipant participant(String name) {
        return new SandboxParticipant(name, new SandboxRules(), new ParticipantLedger() {
            @Override
            public List<Entry> answers(String participant, Collection<UUID> commandIds, Collection<UUID> sagaIds) {
                ledgerReads.incrementAndGet();
                return ledger.entrySet().stream().filter(e -> e.getValue().participant().equals(participant)
                                && (commandIds.contains(e.getKey()) || sagaIds.contains(e.getValue().sagaId())))
                        .map(e -> new Entry(e.getKey(), e.getValue().sagaId(), e.getValue().action(),
                                e.getValue().verdict())).toList();
            }

            @Override
            public void recordAll(String participant, List<Entry> answers) {
                ledgerWrites.incrementAndGet();
                answers.forEach(answer -> ledger.putIfAbsent(answer.commandId(),
                        new Recorded(participant, answer.sagaId(), answer.action(), answer.verdict())));
            }
        }, outbox, commands, LATENCY, clock, duration -> {
            waits.add(duration);
            clock.advance(duration);
        });
    }

    /** A reserve command issued at {@code issuedAt}. */
    private InboundEvent reserve(Instant issuedAt) {
        return command("inventory", UUID.randomUUID().toString(), "customer-1", "reserve_inventory", "reserve", issuedAt);
    }

    private InboundEvent command(String participant, String saga, String customer, String step, String action,
                                 Instant issuedAt) {
        UUID eventId = UUID.randomUUID();
        commands.put(eventId, new SandboxParticipant.Command(UUID.randomUUID(), saga, "order-1", customer,
                step, action, List.of(new SandboxParticipant.Command.Item("MUG-1", 1))));
        return new InboundEvent(eventId, participant + "." + action, saga, 1, issuedAt,
                "{}".getBytes(StandardCharsets.UTF_8), MessageContext.newFlow(),
                new InboundEvent.Delivery(participant + ".commands", 0, 0, saga, new byte[0], Map.of()));
    }

    private ParticipantReply lastReply() {
        return (ParticipantReply) outbox.outbox().get(outbox.outbox().size() - 1);
    }

    @Test
    void commands_that_arrive_together_are_answered_after_one_latency_not_one_each() {
        Instant issued = clock.instant();
        List<InboundEvent> batch = List.of(reserve(issued), reserve(issued), reserve(issued));

        batch.forEach(inventory::handle);

        assertThat(waits).containsExactly(LATENCY);
        assertThat(outbox.outbox()).hasSize(3);
    }

    @Test
    void a_command_that_waited_its_latency_elsewhere_is_answered_at_once() {
        InboundEvent late = reserve(clock.instant().minus(LATENCY).minusMillis(1));

        inventory.handle(late);

        assertThat(waits).isEmpty();
        assertThat(outbox.outbox()).hasSize(1);
    }

    @Test
    void a_command_stamped_ahead_of_this_clock_waits_no_more_than_the_latency() {
        inventory.handle(reserve(clock.instant().plus(Duration.ofHours(1))));

        assertThat(waits).containsExactly(LATENCY);
    }

    @Test
    void a_repeated_command_gets_the_same_answer_without_deciding_again() {
        InboundEvent command = reserve(clock.instant());

        inventory.handle(command);
        inventory.handle(command);

        assertThat(waits).hasSize(1);
        assertThat(outbox.outbox()).hasSize(2);
    }

    @Test
    void a_refund_of_a_saga_that_was_never_charged_has_nothing_to_undo() {
        SandboxParticipant payments = participant("payments");
        String saga = UUID.randomUUID().toString();

        payments.handle(command("payments", saga, "customer-1", "refund_payment", "refund", clock.instant()));

        assertThat(lastReply().outcome()).isEqualTo("succeeded");
        assertThat(lastReply().nothingToUndo()).isTrue();
        assertThat(lastReply().type()).isEqualTo("payments.refund.succeeded");
    }

    @Test
    void a_charge_whose_answer_was_lost_is_found_and_undone_by_the_refund() {
        SandboxParticipant payments = participant("payments");
        String saga = UUID.randomUUID().toString();

        payments.handle(command("payments", saga, "lostreply-1", "charge_payment", "charge", clock.instant()));
        assertThat(outbox.outbox()).as("the charge is taken but not answered").isEmpty();

        payments.handle(command("payments", saga, "lostreply-1", "refund_payment", "refund", clock.instant()));
        assertThat(lastReply().outcome()).isEqualTo("succeeded");
        assertThat(lastReply().nothingToUndo()).isFalse();
    }

    @Test
    void a_refund_after_an_answered_charge_undoes_it_and_other_sagas_charges_do_not_count() {
        SandboxParticipant payments = participant("payments");
        String charged = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        payments.handle(command("payments", charged, "customer-1", "charge_payment", "charge", clock.instant()));

        payments.handle(command("payments", charged, "customer-1", "refund_payment", "refund", clock.instant()));
        assertThat(lastReply().nothingToUndo()).isFalse();

        payments.handle(command("payments", other, "customer-1", "refund_payment", "refund", clock.instant()));
        assertThat(lastReply().nothingToUndo()).isTrue();
    }

    @Test
    void a_refund_the_bank_rejects_is_a_failure_whether_or_not_anything_was_charged() {
        SandboxParticipant payments = participant("payments");

        payments.handle(command("payments", UUID.randomUUID().toString(), "norefund-1", "refund_payment", "refund",
                clock.instant()));

        assertThat(lastReply().outcome()).isEqualTo("failed");
        assertThat(lastReply().nothingToUndo()).isFalse();
    }

    @Test
    void a_second_refund_of_one_charge_has_nothing_left_to_undo() {
        SandboxParticipant payments = participant("payments");
        String saga = UUID.randomUUID().toString();
        payments.handle(command("payments", saga, "customer-1", "charge_payment", "charge", clock.instant()));
        payments.handle(command("payments", saga, "customer-1", "refund_payment", "refund", clock.instant()));

        payments.handle(command("payments", saga, "customer-1", "refund_payment", "refund", clock.instant()));

        assertThat(lastReply().outcome()).isEqualTo("succeeded");
        assertThat(lastReply().nothingToUndo()).as("the money went back once").isTrue();
    }

    @Test
    void a_charge_that_comes_after_its_saga_was_compensated_is_refused() {
        SandboxParticipant payments = participant("payments");
        String saga = UUID.randomUUID().toString();
        payments.handle(command("payments", saga, "customer-1", "refund_payment", "refund", clock.instant()));

        payments.handle(command("payments", saga, "customer-1", "charge_payment", "charge", clock.instant()));

        assertThat(lastReply().outcome()).isEqualTo("failed");
        assertThat(lastReply().reason()).isEqualTo("the saga was compensated already: refund");
        assertThat(ledger.values()).filteredOn(r -> r.action().equals("charge"))
                .allMatch(r -> !r.verdict().tookEffect());
    }

    @Test
    void a_run_reads_its_books_once_writes_its_answers_once_and_each_command_sees_the_answers_before_it() {
        SandboxParticipant payments = participant("payments");
        String saga = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        InboundEvent charge = command("payments", saga, "customer-1", "charge_payment", "charge", clock.instant());

        payments.handleAll(List.of(charge,
                command("payments", other, "customer-1", "refund_payment", "refund", clock.instant()),
                command("payments", saga, "customer-1", "refund_payment", "refund", clock.instant()),
                charge));

        assertThat(ledgerReads).hasValue(1);
        assertThat(ledgerWrites).hasValue(1);
        assertThat(ledger).as("the repeated charge was decided once").hasSize(3);
        List<ParticipantReply> replies = outbox.outbox().stream().map(ParticipantReply.class::cast).toList();
        assertThat(replies).extracting(ParticipantReply::outcome)
                .containsExactly("succeeded", "succeeded", "succeeded", "succeeded");
        assertThat(replies).extracting(ParticipantReply::nothingToUndo).as("a saga's refund undoes its charge, not another saga's")
                .containsExactly(false, true, false, false);
        assertThat(replies.get(3).commandId()).isEqualTo(replies.get(0).commandId());
    }

    @Test
    void a_command_whose_saga_id_is_not_one_is_refused_for_good() {
        assertThatThrownBy(() -> inventory.handle(command("inventory", "not-a-saga", "customer-1",
                "reserve_inventory", "reserve", clock.instant()))).isInstanceOf(InvalidValueException.class);
        assertThat(ledger).isEmpty();
    }
}
