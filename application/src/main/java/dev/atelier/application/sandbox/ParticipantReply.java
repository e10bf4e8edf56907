package dev.atelier.application.sandbox;

import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Key;
import java.time.Instant;
import java.util.UUID;

/**
 * A participant's answer, on its reply stream ({@code inventory.replies}, ...), keyed like the command.
 * {@code nothingToUndo} is true for a compensation that found the step it undoes had never taken effect.
 */
public record ParticipantReply(
        UUID eventId,
        String participant,
        String action,
        UUID commandId,
        String sagaId,
        String orderId,
        String step,
        String outcome,
        String reason,
        boolean nothingToUndo,
        Key aggregateId,
        Instant occurredAt) implements DomainEvent {

    @Override
    public String type() {
        return participant + "." + action + "." + outcome;
    }

    @Override
    public String stream() {
        return participant + ".replies";
    }
}
