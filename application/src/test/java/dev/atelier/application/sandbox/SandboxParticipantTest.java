package dev.atelier.application.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A sandbox participant answers each command its latency after the command was issued, once per command id. */
class SandboxParticipantTest {

    private static final Duration LATENCY = Duration.ofSeconds(2);


    private final ManualClock clock = new ManualClock();
    private final List<Duration> waits = new ArrayList<>();
    private final TransactionalFakes outbox = new TransactionalFakes();
    private final Map<UUID, SandboxParticipant.Command> commands = new HashMap<>();
    private final Map<UUID, SandboxRules.Verdict> ledger = new HashMap<>();

    private final SandboxParticipant inventory = new SandboxParticipant("inventory", new SandboxRules(),
            new ParticipantLedger() {
                @Override
                public Optional<SandboxRules.Verdict> answered(String participant, UUID commandId) {
                    return Optional.ofNullable(ledger.get(commandId));
                }

                @Override
                public void record(String participant, UUID commandId, SandboxRules.Verdict verdict) {
                    ledger.put(commandId, verdict);
                }
            }, outbox, new MessageDecoder() {
                @Override
                public <T> T decode(InboundEvent event, Class<T> type) {
                    return type.cast(commands.get(event.eventId()));
                }
            }, LATENCY, clock, duration -> {
                waits.add(duration);
                clock.advance(duration);
            });

    /** A reserve command issued at {@code issuedAt}. */
    private InboundEvent reserve(Instant issuedAt) {
        UUID eventId = UUID.randomUUID();
        String saga = UUID.randomUUID().toString();
        commands.put(eventId, new SandboxParticipant.Command(UUID.randomUUID(), saga, "order-1", "customer-1",
                "reserve_inventory", "reserve", List.of(new SandboxParticipant.Command.Item("MUG-1", 1))));
        return new InboundEvent(eventId, "inventory.reserve", saga, 1, issuedAt,
                "{}".getBytes(StandardCharsets.UTF_8), MessageContext.newFlow(),
                new InboundEvent.Delivery("inventory.commands", 0, 0, saga, new byte[0], Map.of()));
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
}
