package dev.atelier.application.sagas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.shared.Replacement;
import dev.atelier.application.shared.StaleVersionException;
import dev.atelier.application.testing.PayloadsByEventId;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.SagaItem;
import dev.atelier.domain.sagas.SagaPolicy;
import dev.atelier.domain.sagas.SagaStatus;
import dev.atelier.domain.sagas.SagaStep;
import dev.atelier.domain.sagas.StepReply;
import dev.atelier.domain.shared.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class SagaOrchestrationTest {

    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");
    private static final SagaPolicy POLICY = new SagaPolicy(Duration.ofSeconds(10), 3, Duration.ofSeconds(1));

    private final TransactionalFakes store = new TransactionalFakes();
    private final InMemorySagas sagas = new InMemorySagas();
    private final List<String> finished = new ArrayList<>();
    private Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SagaOrchestration orchestration = new SagaOrchestration(store, sagas, store, POLICY, clock,
            (saga, status, startedAt, finishedAt) -> finished.add(status + " after "
                    + Duration.between(startedAt, finishedAt).toMillis() + " ms"));

    private SagaId started() {
        return startedFor("order-1");
    }

    private SagaId startedFor(String order) {
        FulfilmentSaga.Decision decision = FulfilmentSaga.start(SagaId.madeAt(Instant.now()), order, "customer-1",
                List.of(new SagaItem("MUG-1", 2)), new Money(new BigDecimal("25.00"), "EUR"), POLICY, now);
        orchestration.started(decision);
        return decision.saga().id();
    }

    private void reply(SagaId id, boolean success) {
        now = now.plusMillis(100);
        orchestration.apply(id, (saga, at) -> saga.onReply(success
                ? StepReply.succeeded(saga.commandId()) : StepReply.failed(saga.commandId(), "no"), POLICY, at));
    }

    @Test
    void a_second_saga_for_an_order_that_has_one_is_neither_stored_nor_sends_anything() {
        SagaId first = started();
        int messages = store.outbox().size();

        FulfilmentSaga.Decision again = FulfilmentSaga.start(SagaId.madeAt(Instant.now()), "order-1", "customer-1",
                List.of(new SagaItem("MUG-1", 2)), new Money(new BigDecimal("25.00"), "EUR"), POLICY, now);

        assertThat(orchestration.started(again)).isFalse();
        assertThat(sagas.byOrderId("order-1")).get().extracting(FulfilmentSaga::id).isEqualTo(first);
        assertThat(store.outbox()).as("no second reserve_inventory").hasSize(messages);
    }

    @Test
    void a_finished_saga_is_told_once_with_how_long_it_ran_and_a_late_reply_tells_nothing_more() {
        SagaId id = started();
        reply(id, true);
        reply(id, true);
        assertThat(finished).as("still running").isEmpty();

        reply(id, true);
        reply(id, true);

        assertThat(finished).containsExactly("completed after 300 ms");
    }

    @Test
    void a_saga_that_ends_canceled_is_told_with_that_status() {
        SagaId id = started();
        reply(id, false);

        assertThat(finished).containsExactly(SagaStatus.CANCELED + " after 100 ms");
    }

    @Test
    void nothing_is_told_when_the_transaction_that_finished_the_saga_rolls_back() {
        SagaId id = started();
        reply(id, true);
        reply(id, true);

        assertThatThrownBy(() -> store.inTransaction(() -> {
            reply(id, true);
            throw new IllegalStateException("the consumer's transaction failed after the saga was stored");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(finished).isEmpty();
    }

    private static BiFunction<FulfilmentSaga, Instant, FulfilmentSaga.Decision> succeeded() {
        return (saga, at) -> saga.onReply(StepReply.succeeded(saga.commandId()), POLICY, at);
    }

    @Test
    void replies_for_several_sagas_taken_together_act_as_one_by_one_and_are_stored_once_each() {
        SagaId first = startedFor("order-1");
        SagaId second = startedFor("order-2");
        int before = store.outbox().size();

        orchestration.applyTogether(Set.of(first, second, SagaId.madeAt(Instant.now())), loaded -> {
            loaded.apply(first, succeeded());
            loaded.apply(second, succeeded());
            loaded.apply(first, succeeded());
            loaded.apply(first, succeeded());
        });

        assertThat(sagas.replaceAllCalls).as("one write for the lot").isEqualTo(1);
        assertThat(sagas.storedVersion.get(first)).as("written back").isEqualTo(sagas.byId(first).orElseThrow().version());
        assertThat(sagas.storedVersion.get(second)).as("written back").isEqualTo(sagas.byId(second).orElseThrow().version());
        assertThat(sagas.byId(first)).get().extracting(FulfilmentSaga::status).isEqualTo(SagaStatus.COMPLETED);
        assertThat(sagas.byId(second)).get().extracting(FulfilmentSaga::current).isEqualTo(SagaStep.CHARGE_PAYMENT);
        assertThat(store.outbox().subList(before, store.outbox().size())).extracting(event -> event.type()).containsExactly(
                "saga.step_succeeded", "payments.charge",
                "saga.step_succeeded", "payments.charge",
                "saga.step_succeeded", "assembly.assemble",
                "saga.step_succeeded", "saga.completed");
        assertThat(finished).containsExactly("completed after 0 ms");
    }

    @Test
    void sagas_taken_together_are_not_stored_if_one_was_changed_meanwhile() {
        SagaId first = startedFor("order-1");
        SagaId second = startedFor("order-2");

        assertThatThrownBy(() -> orchestration.applyTogether(Set.of(first, second), loaded -> {
            loaded.apply(first, succeeded());
            loaded.apply(second, succeeded());
            sagas.storedVersion.merge(second, 1L, Long::sum);
        })).isInstanceOf(StaleVersionException.class).hasMessageContaining(second.toString());
    }

    @Test
    void a_run_of_replies_moves_each_saga_on_once_and_each_command_names_its_reply_as_cause() {
        SagaId first = startedFor("order-1");
        SagaId second = startedFor("order-2");
        List<String> appended = new ArrayList<>();
        PayloadsByEventId payloads = new PayloadsByEventId();
        ParticipantReplies replies = new ParticipantReplies(new SagaOrchestration(store, sagas,
                event -> appended.add(event.type() + " caused by " + MessageContext.current().causationId()),
                POLICY, clock), payloads);
        InboundEvent firstReserved = replyEvent(payloads, first);
        InboundEvent secondReserved = replyEvent(payloads, second);
        InboundEvent firstReservedAgain = replyEvent(payloads, first);

        replies.handleAll(List.of(firstReserved, secondReserved, firstReservedAgain));

        assertThat(sagas.replaceAllCalls).isEqualTo(1);
        assertThat(appended).as("the repeated reply changes nothing").containsExactly(
                "saga.step_succeeded caused by " + firstReserved.eventId(),
                "payments.charge caused by " + firstReserved.eventId(),
                "saga.step_succeeded caused by " + secondReserved.eventId(),
                "payments.charge caused by " + secondReserved.eventId());
    }

    @Test
    void a_run_of_new_orders_starts_each_saga_once_with_one_write_and_each_reserve_names_its_order_event() {
        List<String> appended = new ArrayList<>();
        PayloadsByEventId payloads = new PayloadsByEventId();
        SagaOrchestration capturing = new SagaOrchestration(store, sagas,
                event -> appended.add(event.type() + " caused by " + MessageContext.current().causationId()),
                POLICY, clock);
        SagaStarter starter = new SagaStarter(capturing, sagas, payloads);
        InboundEvent first = orderEvent(payloads, "order.created", "order-1");
        InboundEvent second = orderEvent(payloads, "order.created", "order-2");
        InboundEvent firstAgain = orderEvent(payloads, "order.created", "order-1");

        starter.handleAll(List.of(first, second, firstAgain));

        assertThat(sagas.addCalls).isEqualTo(1);
        assertThat(appended).containsExactly(
                "saga.started caused by " + first.eventId(), "inventory.reserve caused by " + first.eventId(),
                "saga.started caused by " + second.eventId(), "inventory.reserve caused by " + second.eventId());
        UUID secondSaga = sagas.byOrderId("order-2").orElseThrow().id().value();
        assertThat(secondSaga.version()).as("time-ordered, so its inserts go to the key's end").isEqualTo(7);
        assertThat(secondSaga.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }

    @Test
    void a_run_that_also_cancels_goes_one_event_at_a_time_so_the_cancel_finds_the_saga_it_started() {
        PayloadsByEventId payloads = new PayloadsByEventId();
        SagaStarter starter = new SagaStarter(orchestration, sagas, payloads);

        starter.handleAll(List.of(orderEvent(payloads, "order.created", "order-3"),
                orderEvent(payloads, "order.cancel_requested", "order-3")));

        assertThat(sagas.byOrderId("order-3")).get().extracting(FulfilmentSaga::cancelRequested).isEqualTo(true);
    }

    private InboundEvent orderEvent(PayloadsByEventId payloads, String type, String order) {
        UUID eventId = UUID.randomUUID();
        payloads.put(eventId, new SagaStarter.OrderPlaced(order, "customer-1",
                List.of(new SagaStarter.OrderPlaced.Item("MUG-1", 1)), new Money(new BigDecimal("9.50"), "EUR"),
                "changed my mind"));
        return new InboundEvent(eventId, type, order, 1, now, "{}".getBytes(StandardCharsets.UTF_8),
                MessageContext.newFlow(), new InboundEvent.Delivery("orders", 0, 0, order, new byte[0], Map.of()));
    }

    /** A participant's success for the command the saga is waiting on now. */
    private InboundEvent replyEvent(PayloadsByEventId payloads, SagaId saga) {
        UUID eventId = UUID.randomUUID();
        payloads.put(eventId, new ParticipantReplies.Reply(saga.toString(), sagas.byId(saga).orElseThrow().commandId(),
                "succeeded", null, null));
        return new InboundEvent(eventId, "inventory.reserve.succeeded", saga.toString(), 1, now,
                "{}".getBytes(StandardCharsets.UTF_8), MessageContext.newFlow(),
                new InboundEvent.Delivery("inventory.replies", 0, 0, saga.toString(), new byte[0], Map.of()));
    }

    /** Sagas kept in a map, with the version check of the real store. */
    private static final class InMemorySagas implements Sagas {

        private final Map<SagaId, FulfilmentSaga> byId = new HashMap<>();
        private final Map<SagaId, Long> storedVersion = new HashMap<>();
        private int replaceAllCalls;
        private int addCalls;

        @Override
        public Optional<FulfilmentSaga> byId(SagaId id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<FulfilmentSaga> byIds(Collection<SagaId> ids) {
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        }

        @Override
        public Optional<FulfilmentSaga> byOrderId(String orderId) {
            return byId.values().stream().filter(saga -> saga.orderId().equals(orderId)).findFirst();
        }

        @Override
        public Set<SagaId> addEachUnlessOrderHasOne(List<FulfilmentSaga> added) {
            addCalls++;
            Set<SagaId> stored = new HashSet<>();
            for (FulfilmentSaga saga : added) {
                if (byOrderId(saga.orderId()).isEmpty()) {
                    byId.put(saga.id(), saga);
                    storedVersion.put(saga.id(), saga.version());
                    stored.add(saga.id());
                }
            }
            return stored;
        }

        @Override
        public Set<SagaId> replaceAll(List<Replacement<FulfilmentSaga>> replacements) {
            replaceAllCalls++;
            Set<SagaId> stored = new HashSet<>();
            for (Replacement<FulfilmentSaga> replacement : replacements) {
                FulfilmentSaga saga = replacement.aggregate();
                if (storedVersion.get(saga.id()) == replacement.expectedVersion()) {
                    byId.put(saga.id(), saga);
                    storedVersion.put(saga.id(), saga.version());
                    stored.add(saga.id());
                }
            }
            return stored;
        }

        @Override
        public List<FulfilmentSaga> lockOverdue(Instant at, int limit) {
            return List.of();
        }
    }
}
