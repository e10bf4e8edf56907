package dev.atelier.domain.sagas;

import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A command to a participant, published on its command stream ({@code inventory.commands}, ...). A re-sent
 * command keeps its {@code commandId}: participants answer a command id once and repeat that answer.
 */
public record ParticipantCommand(
        UUID eventId,
        UUID commandId,
        SagaId sagaId,
        String orderId,
        String customerId,
        SagaStep step,
        String action,
        int attempt,
        List<SagaItem> items,
        Money amount,
        Instant occurredAt) implements DomainEvent {

    public ParticipantCommand {
        items = List.copyOf(items);
    }

    @Override
    public String type() {
        return step.participant() + "." + action;
    }

    @Override
    public String stream() {
        return step.participant() + ".commands";
    }

    @Override
    public SagaId aggregateId() {
        return sagaId;
    }
}
