package dev.atelier.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.OutboxBacklog.WaitingEvent;
import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.testing.ManualClock;
import dev.atelier.domain.shared.IllegalTransitionException;
import dev.atelier.domain.shared.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Parking an event the broker will not take, and putting it back, over the dead-letter operations. */
class OutboxOperationsTest {

    private final TransactionalFakes store = new TransactionalFakes();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Map<Long, WaitingEvent> waiting = new LinkedHashMap<>();
    private final List<OutboundEvent> requeued = new ArrayList<>();

    private final OutboxBacklog backlog = new OutboxBacklog() {
        @Override
        public List<WaitingEvent> oldest(int limit) {
            return waiting.values().stream().limit(limit).toList();
        }

        @Override
        public Optional<WaitingEvent> take(long position) {
            return Optional.ofNullable(waiting.remove(position));
        }

        @Override
        public void requeue(OutboundEvent event) {
            requeued.add(event);
        }
    };

    private final OutboxOperations outbox = new OutboxOperations(store, backlog, store, store, clock);
    private final DeadLetterOperations deadLetters = new DeadLetterOperations(store, store,
            new EventConsumption(store, store, store, store, new RetryPolicy(1, Duration.ofMillis(1)), clock),
            delivery -> {
                throw new AssertionError("an outbox event is not read as a delivery");
            }, List.of(), DeadLetterOperations.ReplayListener.NONE, backlog);

    private OutboundEvent waits(long position, String key, int failedAttempts, String lastError) {
        OutboundEvent event = new OutboundEvent(position, UUID.randomUUID(), "designs", "design.created", key, 2,
                Instant.parse("2026-11-23T09:00:00Z"), ("{\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8),
                MessageContext.newFlow().causedBy(UUID.randomUUID()));
        waiting.put(position, new WaitingEvent(event, Instant.parse("2026-11-23T09:00:01Z"), failedAttempts, lastError));
        return event;
    }

    @Test
    void a_parked_event_leaves_the_outbox_for_the_dead_letters_and_their_topic() {
        OutboundEvent event = waits(7, "design-1", 3, "RecordTooLargeException: too large");

        DeadLetter letter = outbox.park(7);

        assertThat(waiting).isEmpty();
        assertThat(letter.consumer()).isEqualTo(OutboxOperations.DEAD_LETTER_CONSUMER);
        assertThat(letter.key()).isEqualTo("design-1");
        assertThat(letter.eventId()).isEqualTo(event.eventId());
        assertThat(letter.eventType()).isEqualTo("design.created");
        assertThat(letter.source()).isEqualTo("designs");
        assertThat(letter.partition()).as("never on a topic").isEqualTo(-1);
        assertThat(letter.offset()).isEqualTo(-1);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.error()).isEqualTo(
                "parked by an operator after 3 failed attempts; last: RecordTooLargeException: too large");
        assertThat(letter.failedAt()).isEqualTo(clock.instant());
        assertThat(store.parkedOfKey(OutboxOperations.DEAD_LETTER_CONSUMER, "design-1")).hasSize(1);
        assertThat(store.outbox()).filteredOn(e -> e instanceof MessageParked).singleElement()
                .extracting(e -> ((MessageParked) e).stream()).isEqualTo("dlq.outbox");
    }

    @Test
    void what_no_longer_waits_cannot_be_parked() {
        assertThatThrownBy(() -> outbox.park(42)).isInstanceOf(NotFoundException.class);
        assertThat(store.outbox()).isEmpty();
    }

    @Test
    void a_replay_puts_the_event_back_in_the_outbox_whole_and_only_once() {
        OutboundEvent event = waits(7, "design-1", 1, "too large");
        DeadLetter letter = outbox.park(7);

        DeadLetterOperations.ReplayReport report = deadLetters.replay(letter.id());

        assertThat(report.failed()).isEmpty();
        assertThat(report.replayed()).containsExactly(letter.id());
        assertThat(requeued).singleElement().satisfies(back -> {
            assertThat(back.eventId()).isEqualTo(event.eventId());
            assertThat(back.stream()).isEqualTo(event.stream());
            assertThat(back.type()).isEqualTo(event.type());
            assertThat(back.key()).isEqualTo(event.key());
            assertThat(back.schemaVersion()).isEqualTo(2);
            assertThat(back.occurredAt()).isEqualTo(event.occurredAt());
            assertThat(back.payload()).isEqualTo(event.payload());
            assertThat(back.context()).isEqualTo(event.context());
        });
        assertThatThrownBy(() -> deadLetters.replay(letter.id())).isInstanceOf(IllegalTransitionException.class);
        assertThat(requeued).hasSize(1);
    }

    @Test
    void replaying_everything_leaves_parked_outbox_events_alone_unless_their_consumer_is_named() {
        waits(7, "design-1", 1, "too large");
        waits(8, "design-2", 1, "too large");
        outbox.park(7);
        outbox.park(8);

        deadLetters.replayMatching(new DeadLetterFilter(null, null, null, null, null), 100);
        assertThat(requeued).isEmpty();
        assertThat(store.parkedOfKey(OutboxOperations.DEAD_LETTER_CONSUMER, "design-1")).hasSize(1);

        deadLetters.replayMatching(new DeadLetterFilter(OutboxOperations.DEAD_LETTER_CONSUMER, null, null, null, null), 100);
        assertThat(requeued).extracting(OutboundEvent::key).containsExactly("design-1", "design-2");
    }

    @Test
    void a_listing_is_bounded() {
        waits(7, "design-1", 0, null);

        assertThat(outbox.oldest(1)).hasSize(1);
        assertThatThrownBy(() -> outbox.oldest(0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> outbox.oldest(OutboxOperations.MAX_LIMIT + 1)).isInstanceOf(InvalidValueException.class);
    }
}
