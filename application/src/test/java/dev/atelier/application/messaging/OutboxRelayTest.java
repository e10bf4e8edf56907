package dev.atelier.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.application.testing.DirectUnitOfWork;
import dev.atelier.application.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    private final List<OutboundEvent> outbox = new ArrayList<>();
    /** Positions of the events removed from the outbox as published. */
    private final List<Long> marked = new ArrayList<>();
    private boolean lockFree = true;
    private boolean inTransaction;
    /** For each compaction, whether a transaction was open when it ran. */
    private final List<Boolean> compactions = new ArrayList<>();
    private final List<Map<Long, String>> failures = new ArrayList<>();

    private final UnitOfWork direct = new DirectUnitOfWork();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T10:00:00Z"));

    /** Says, while its work runs, that a transaction is open. */
    private final UnitOfWork tracked = new UnitOfWork() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            inTransaction = true;
            try {
                return work.get();
            } finally {
                inTransaction = false;
            }
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    };

    private final PendingEvents pending = new PendingEvents() {
        @Override
        public boolean tryLock() {
            return lockFree;
        }

        @Override
        public List<OutboundEvent> oldest(int limit) {
            return waiting().stream().limit(limit).toList();
        }

        @Override
        public List<OutboundEvent> oldestExcept(int limit, Collection<String> keys) {
            return waiting().stream().filter(event -> !keys.contains(event.key())).limit(limit).toList();
        }

        @Override
        public List<OutboundEvent> at(Collection<Long> positions) {
            return waiting().stream().filter(event -> positions.contains(event.position())).toList();
        }

        @Override
        public void published(Collection<Long> positions) {
            marked.addAll(positions);
        }

        @Override
        public void failed(Map<Long, String> errorsByPosition) {
            failures.add(new HashMap<>(errorsByPosition));
        }

        @Override
        public void compact() {
            compactions.add(inTransaction);
        }

        @Override
        public Backlog backlog() {
            List<OutboundEvent> waiting = waiting();
            return new Backlog(waiting.size(), waiting.isEmpty() ? null : waiting.get(0).occurredAt());
        }
    };

    private List<OutboundEvent> waiting() {
        return outbox.stream().filter(e -> !marked.contains(e.position())).toList();
    }

    private static OutboundEvent event(long position, String key) {
        return new OutboundEvent(position, UUID.randomUUID(), "designs", "design.updated", key, 1, Instant.EPOCH,
                new byte[0], MessageContext.newFlow());
    }

    @Test
    void publishes_the_oldest_batch_and_removes_it() {
        List<OutboundEvent> sent = new ArrayList<>();
        outbox.addAll(List.of(event(1, "a"), event(2, "b"), event(3, "a")));
        OutboxRelay relay = new OutboxRelay(direct, pending, (events, receipts) -> {
            sent.addAll(events);
            return events;
        }, 2);

        assertThat(relay.relayOnce()).isEqualTo(new OutboxRelay.Round(2, false));
        assertThat(relay.relayOnce()).isEqualTo(new OutboxRelay.Round(1, false));
        assertThat(relay.relayOnce()).as("idle, not locked out").isEqualTo(new OutboxRelay.Round(0, false));
        assertThat(sent).extracting(OutboundEvent::position).containsExactly(1L, 2L, 3L);
        assertThat(marked).containsExactly(1L, 2L, 3L);
    }

    @Test
    void does_nothing_while_another_relay_holds_the_lock() {
        outbox.add(event(1, "a"));
        lockFree = false;
        OutboxRelay relay = new OutboxRelay(direct, pending, (events, receipts) -> {
            throw new AssertionError("must not publish without the lock");
        }, 10);

        assertThat(relay.relayOnce()).as("says it was locked out, so its worker tries again soon")
                .isEqualTo(new OutboxRelay.Round(0, true));
        assertThat(marked).isEmpty();
    }

    @Test
    void after_a_failed_event_later_events_of_the_same_key_stay_pending_so_order_is_kept() {
        OutboundEvent a1 = event(1, "a");
        OutboundEvent b1 = event(2, "b");
        OutboundEvent a2 = event(3, "a");
        OutboundEvent b2 = event(4, "b");
        outbox.addAll(List.of(a1, b1, a2, b2));
        List<OutboundEvent> sent = new ArrayList<>();
        OutboxRelay relay = new OutboxRelay(direct, pending, (events, receipts) -> {
            sent.addAll(events);
            return events.stream().filter(e -> e != a1).toList();
        }, 10);

        assertThat(relay.relayOnce().published()).isEqualTo(2);
        assertThat(marked).containsExactly(2L, 4L);
        assertThat(waiting()).containsExactly(a1, a2);
        assertThat(sent).as("a2 was never sent: on the topic it would have been ahead of a1").doesNotContain(a2);
    }

    /** Three keys' events interleaved in one batch, a1 b1 a2 c1 a3 b2, and each call the relay made to the broker. */
    private final class ThreeKeys {
        final OutboundEvent a1 = event(1, "a");
        final OutboundEvent b1 = event(2, "b");
        final OutboundEvent a2 = event(3, "a");
        final OutboundEvent c1 = event(4, "c");
        final OutboundEvent a3 = event(5, "a");
        final OutboundEvent b2 = event(6, "b");
        final List<List<OutboundEvent>> calls = new ArrayList<>();

        ThreeKeys() {
            outbox.addAll(List.of(a1, b1, a2, c1, a3, b2));
        }

        /** A relay whose broker acknowledges the events {@code acknowledged} accepts. */
        OutboxRelay relayAcknowledging(Predicate<OutboundEvent> acknowledged) {
            return new OutboxRelay(direct, pending, (events, receipts) -> {
                calls.add(List.copyOf(events));
                return events.stream().filter(acknowledged).toList();
            }, 10);
        }
    }

    @Test
    void a_keys_next_event_goes_out_only_after_the_broker_acknowledged_the_one_before() {
        ThreeKeys batch = new ThreeKeys();
        OutboxRelay relay = batch.relayAcknowledging(event -> true);

        assertThat(relay.relayOnce().published()).isEqualTo(6);
        assertThat(batch.calls).as("each call waits for the broker's answer before the next is made")
                .containsExactly(List.of(batch.a1, batch.b1, batch.c1), List.of(batch.a2, batch.b2), List.of(batch.a3));
        assertThat(marked).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void a_refused_event_keeps_its_keys_later_events_of_the_batch_unsent_while_other_keys_go_on() {
        ThreeKeys batch = new ThreeKeys();
        OutboxRelay relay = batch.relayAcknowledging(event -> event != batch.a1);

        assertThat(relay.relayOnce().published()).isEqualTo(3);
        assertThat(batch.calls).containsExactly(List.of(batch.a1, batch.b1, batch.c1), List.of(batch.b2));
        assertThat(marked).containsExactly(2L, 4L, 6L);
        assertThat(waiting()).containsExactly(batch.a1, batch.a2, batch.a3);
    }

    @Test
    void compacts_the_outbox_outside_the_transaction_each_time_enough_events_were_removed() {
        for (long position = 1; position <= 7; position++) {
            outbox.add(event(position, "k" + position));
        }
        OutboxRelay relay = new OutboxRelay(tracked, pending, (events, receipts) -> events,
                new OutboxRelay.Settings(2, 3, Duration.ZERO), clock, EventPublisher.Receipts.NONE);

        relay.relayOnce();
        assertThat(compactions).as("2 removed, fewer than 3").isEmpty();
        relay.relayOnce();
        assertThat(compactions).as("4 removed: compacted once, after the batch's transaction").containsExactly(false);
        relay.relayOnce();
        assertThat(compactions).as("2 removed since").hasSize(1);
        relay.relayOnce();
        relay.relayOnce();
        assertThat(compactions).as("3 removed since (7 in all), nothing left to remove after").hasSize(2);
    }

    @Test
    void leaves_compaction_to_the_database_when_told_so() {
        outbox.addAll(List.of(event(1, "a"), event(2, "b"), event(3, "c")));
        OutboxRelay relay = new OutboxRelay(tracked, pending, (events, receipts) -> events,
                OutboxRelay.Settings.of(10), clock, EventPublisher.Receipts.NONE);

        relay.relayOnce();
        assertThat(compactions).isEmpty();
    }

    /** A broker that refuses every event of the keys in {@code refused}, and records what it was sent. */
    private static final class RefusingBroker implements EventPublisher {
        final List<OutboundEvent> sent = new ArrayList<>();
        final Set<Long> refused = new HashSet<>();

        RefusingBroker(Long... positions) {
            refused.addAll(List.of(positions));
        }

        @Override
        public List<OutboundEvent> publish(List<OutboundEvent> events, Receipts receipts) {
            sent.addAll(events);
            events.stream().filter(event -> refused.contains(event.position()))
                    .forEach(event -> receipts.failed(event, "designs", "record of event " + event.position() + " too large"));
            return events.stream().filter(event -> !refused.contains(event.position())).toList();
        }
    }

    /** Batches of 10, no compaction, a stalled key tried again after 2 s of the test's clock. */
    private OutboxRelay relayThrough(EventPublisher broker) {
        return relayThrough(broker, 10);
    }

    private OutboxRelay relayThrough(EventPublisher broker, int batchSize) {
        return new OutboxRelay(direct, pending, broker, new OutboxRelay.Settings(batchSize, 0, Duration.ofSeconds(2)),
                clock, EventPublisher.Receipts.NONE);
    }

    @Test
    void a_failed_attempt_is_recorded_on_the_event_with_its_error() {
        outbox.addAll(List.of(event(1, "a"), event(2, "a"), event(3, "b")));
        RefusingBroker broker = new RefusingBroker(1L);

        relayThrough(broker).relayOnce();

        assertThat(failures).as("a2 waits behind a1 unsent: it did not fail")
                .containsExactly(Map.of(1L, "record of event 1 too large"));
        assertThat(broker.sent).extracting(OutboundEvent::position).containsExactly(1L, 3L);
        assertThat(marked).containsExactly(3L);
    }

    @Test
    void a_round_in_which_everything_fails_records_the_oldest_fifty_failures_only() {
        List<Long> all = new ArrayList<>();
        for (long position = 1; position <= 120; position++) {
            outbox.add(event(position, "key-" + position));
            all.add(position);
        }
        relayThrough(new RefusingBroker(all.toArray(Long[]::new)), 500).relayOnce();

        assertThat(failures).singleElement().satisfies(recorded ->
                assertThat(recorded.keySet()).containsExactlyInAnyOrderElementsOf(all.subList(0, 50)));
    }

    @Test
    void the_fifty_failures_recorded_are_the_oldest_even_when_one_came_in_a_later_wave() {
        outbox.add(event(1, "a"));
        outbox.add(event(2, "a"));
        List<Long> refused = new ArrayList<>(List.of(2L));
        for (long position = 3; position <= 60; position++) {
            outbox.add(event(position, "key-" + position));
            refused.add(position);
        }
        relayThrough(new RefusingBroker(refused.toArray(Long[]::new)), 500).relayOnce();

        assertThat(failures).singleElement().satisfies(recorded -> assertThat(recorded.keySet())
                .as("a2 failed in the second wave, after 58 failures of the first, and is older than most")
                .containsExactlyInAnyOrderElementsOf(refused.subList(0, 50)));
    }

    @Test
    void an_event_the_broker_refuses_holds_back_its_key_unsent_while_other_keys_go_on() {
        OutboundEvent a1 = event(1, "a");
        OutboundEvent a2 = event(2, "a");
        OutboundEvent b1 = event(3, "b");
        OutboundEvent a3 = event(4, "a");
        OutboundEvent b2 = event(5, "b");
        outbox.addAll(List.of(a1, a2, b1, a3, b2));
        RefusingBroker broker = new RefusingBroker(1L);
        OutboxRelay relay = relayThrough(broker);

        relay.relayOnce();
        assertThat(marked).as("b's events; a's wait behind a1").containsExactly(3L, 5L);
        broker.sent.clear();
        OutboundEvent b3 = event(6, "b");
        outbox.add(b3);

        relay.relayOnce();
        assertThat(broker.sent).as("within the pause: nothing of key a, not even a1").containsExactly(b3);
        broker.sent.clear();

        clock.advance(Duration.ofSeconds(2));
        relay.relayOnce();
        assertThat(broker.sent).as("after the pause: a1 alone, refused again").containsExactly(a1);
        broker.sent.clear();

        broker.refused.clear();
        clock.advance(Duration.ofSeconds(2));
        relay.relayOnce();
        assertThat(broker.sent).as("a1 taken at last").containsExactly(a1);
        relay.relayOnce();
        assertThat(broker.sent).as("then the rest of key a, in order").containsExactly(a1, a2, a3);
        assertThat(waiting()).isEmpty();
    }

    @Test
    void a_stalled_key_whose_first_event_was_removed_goes_on_with_the_next() {
        OutboundEvent a1 = event(1, "a");
        OutboundEvent a2 = event(2, "a");
        outbox.addAll(List.of(a1, a2));
        RefusingBroker broker = new RefusingBroker(1L);
        OutboxRelay relay = relayThrough(broker);
        relay.relayOnce();
        marked.add(1L); // an operator deleted the refused row
        broker.sent.clear();

        clock.advance(Duration.ofSeconds(2));
        relay.relayOnce();
        relay.relayOnce();

        assertThat(broker.sent).containsExactly(a2);
        assertThat(waiting()).isEmpty();
    }
}
