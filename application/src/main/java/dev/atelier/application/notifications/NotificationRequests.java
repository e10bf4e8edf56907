package dev.atelier.application.notifications;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.application.shared.WebhookTargets;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.notifications.NotificationId;
import dev.atelier.domain.shared.InvalidValueException;
import dev.atelier.domain.shared.Key;
import dev.atelier.domain.shared.Texts;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Listing notifications, sending an arbitrary one through the notifications topic, and re-sending a failed one. */
public final class NotificationRequests {

    private final UnitOfWork unitOfWork;
    private final Notifications notifications;
    private final EventOutbox outbox;
    private final WebhookTargets webhookTargets;
    private final Clock clock;

    public NotificationRequests(UnitOfWork unitOfWork, Notifications notifications, EventOutbox outbox,
                                WebhookTargets webhookTargets, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.notifications = notifications;
        this.outbox = outbox;
        this.webhookTargets = webhookTargets;
        this.clock = clock;
    }

    public NotificationRequested request(String channel, String recipient, String text, String orderId) {
        Channel.parse("channel", channel);
        String body = Texts.required("text", text, 4000);
        String to = Texts.optional("recipient", recipient, 2000);
        String order = Texts.optional("order_id", orderId, 100);
        if (Channel.parse("channel", channel) == Channel.WEBHOOK && to != null) {
            webhookTargets.refusal(to).ifPresent(reason -> {
                throw new InvalidValueException("recipient", "a webhook recipient " + reason);
            });
        }
        Instant now = clock.instant();
        NotificationRequested requested = new NotificationRequested(TimeOrderedIds.at(now), channel.strip().toLowerCase(),
                to, body, order, new Key(order != null ? order : UUID.randomUUID().toString()), now);
        unitOfWork.inTransaction(() -> outbox.append(requested));
        return requested;
    }

    public Page<Notification> list(Notifications.Filter filter, PageRequest page) {
        return notifications.find(filter, page);
    }

    public Notification get(NotificationId id) {
        return notifications.byId(id).orElseThrow(() -> new NotFoundException("notification", id));
    }

    public List<Notifications.Attempt> attempts(NotificationId id) {
        return notifications.attemptsOf(id);
    }

    /** Sends a failed notification again, with a fresh set of attempts. */
    public Notification retry(NotificationId id) {
        return unitOfWork.inTransaction(() -> {
            Notification failed = get(id);
            Notification again = failed.retry(clock.instant());
            notifications.replace(again, failed.attempts(), failed.status());
            return again;
        });
    }
}
