package dev.atelier.domain.notifications;

import dev.atelier.domain.shared.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** {@code notification.sent} or {@code notification.failed}, on the notifications stream. */
public record NotificationEvent(
        UUID eventId,
        String type,
        NotificationId notificationId,
        UUID sourceEventId,
        String sourceEventType,
        String orderId,
        Channel channel,
        String template,
        NotificationStatus status,
        int attempts,
        String error,
        Instant occurredAt) implements DomainEvent {

    public static final String STREAM = "notifications";
    public static final String SENT = "notification.sent";
    public static final String FAILED = "notification.failed";

    @Override
    public String stream() {
        return STREAM;
    }

    @Override
    public NotificationId aggregateId() {
        return notificationId;
    }
}
