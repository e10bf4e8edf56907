package dev.atelier.domain.notifications;

import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * One message to one recipient over one channel, caused by one event. Immutable: recording an attempt
 * returns the next state and, when the notification is settled, the event that says so.
 */
public final class Notification {

    private final NotificationId id;
    private final UUID sourceEventId;
    private final String sourceEventType;
    private final String orderId;
    private final Channel channel;
    private final String recipient;
    private final String template;
    private final String text;
    private final NotificationStatus status;
    private final int attempts;
    private final String lastError;
    private final Instant nextAttemptAt;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Notification(NotificationId id, UUID sourceEventId, String sourceEventType, String orderId, Channel channel,
                         String recipient, String template, String text, NotificationStatus status, int attempts,
                         String lastError, Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.sourceEventId = sourceEventId;
        this.sourceEventType = sourceEventType;
        this.orderId = orderId;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.recipient = recipient;
        this.template = template;
        this.text = Objects.requireNonNull(text, "text");
        this.status = status;
        this.attempts = attempts;
        this.lastError = lastError;
        this.nextAttemptAt = nextAttemptAt;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public static Notification restore(NotificationId id, UUID sourceEventId, String sourceEventType, String orderId,
                                       Channel channel, String recipient, String template, String text,
                                       NotificationStatus status, int attempts, String lastError, Instant nextAttemptAt,
                                       Instant createdAt, Instant updatedAt) {
        return new Notification(id, sourceEventId, sourceEventType, orderId, channel, recipient, template, text, status,
                attempts, lastError, nextAttemptAt, createdAt, updatedAt);
    }

    /** A notification to deliver as soon as possible. */
    public static Notification plan(UUID sourceEventId, String sourceEventType, String orderId, Channel channel,
                                    String recipient, String template, String text, Instant now) {
        return new Notification(NotificationId.madeAt(now), sourceEventId, sourceEventType, orderId, channel, recipient,
                template, text, NotificationStatus.PENDING, 0, null, now, now, now);
    }

    /**
     * Records a delivery attempt. A failure that can be retried and has attempts left waits
     * {@code delayBefore.apply(next attempt)}; otherwise the notification fails for good.
     */
    public Change record(DeliveryResult result, int maxAttempts, IntFunction<Duration> delayBefore, Instant now) {
        if (status != NotificationStatus.PENDING) {
            throw new IllegalStateException("notification " + id + " is already " + status);
        }
        int attempt = attempts + 1;
        if (result.delivered()) {
            Notification sent = next(NotificationStatus.SENT, attempt, null, null, now);
            return new Change(sent, Optional.of(sent.event(NotificationEvent.SENT, now)));
        }
        if (result.retryable() && attempt < maxAttempts) {
            return new Change(next(NotificationStatus.PENDING, attempt, result.error(),
                    now.plus(delayBefore.apply(attempt + 1)), now), Optional.empty());
        }
        Notification failed = next(NotificationStatus.FAILED, attempt, result.error(), null, now);
        return new Change(failed, Optional.of(failed.event(NotificationEvent.FAILED, now)));
    }

    /** An operator sends a failed notification again: a fresh set of attempts. */
    public Notification retry(Instant now) {
        if (status != NotificationStatus.FAILED) {
            throw new dev.atelier.domain.shared.IllegalTransitionException("notification " + id + " is "
                    + status.wireName() + "; only a failed notification can be sent again");
        }
        return new Notification(id, sourceEventId, sourceEventType, orderId, channel, recipient, template, text,
                NotificationStatus.PENDING, 0, lastError, now, createdAt, now);
    }

    private Notification next(NotificationStatus nextStatus, int attempt, String error, Instant nextAttempt, Instant now) {
        return new Notification(id, sourceEventId, sourceEventType, orderId, channel, recipient, template, text,
                nextStatus, attempt, error, nextAttempt, createdAt, now);
    }

    private NotificationEvent event(String type, Instant now) {
        return new NotificationEvent(TimeOrderedIds.at(now), type, id, sourceEventId, sourceEventType, orderId, channel,
                template, status, attempts, lastError, now);
    }

    public NotificationId id() {
        return id;
    }

    public UUID sourceEventId() {
        return sourceEventId;
    }

    public String sourceEventType() {
        return sourceEventType;
    }

    public String orderId() {
        return orderId;
    }

    public Channel channel() {
        return channel;
    }

    public String recipient() {
        return recipient;
    }

    public String template() {
        return template;
    }

    public String text() {
        return text;
    }

    public NotificationStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public record Change(Notification notification, Optional<NotificationEvent> event) {
    }
}
