package dev.atelier.application.notifications;

import dev.atelier.domain.notifications.NotificationEvent;
import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Instant;
import java.util.UUID;

/**
 * A notification that could not be delivered, on the {@code notifications.dlq} topic (seed 002's
 * {@code order.notification.dlq}). It can be sent again with {@code POST /api/notifications/{id}/retry}.
 */
public record NotificationDeadLetter(UUID eventId, NotificationEvent failure) implements DomainEvent {

    public NotificationDeadLetter(NotificationEvent failure) {
        this(TimeOrderedIds.at(failure.occurredAt()), failure);
    }

    @Override
    public String type() {
        return "notification.dead_lettered";
    }

    @Override
    public String stream() {
        return "dlq.notifications";
    }

    @Override
    public Identifier aggregateId() {
        return failure.notificationId();
    }

    @Override
    public Instant occurredAt() {
        return failure.occurredAt();
    }
}
