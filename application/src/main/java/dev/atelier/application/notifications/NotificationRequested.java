package dev.atelier.application.notifications;

import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Key;
import java.time.Instant;
import java.util.UUID;

/** An arbitrary notification asked for through the API, published on the notifications stream (seed 000). */
public record NotificationRequested(UUID eventId, String channel, String recipient, String text, String orderId,
                                    Key aggregateId, Instant occurredAt) implements DomainEvent {

    public static final String STREAM = "notifications";
    public static final String TYPE = "notification.requested";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String stream() {
        return STREAM;
    }
}
