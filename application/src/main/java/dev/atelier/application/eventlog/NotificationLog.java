package dev.atelier.application.eventlog;

import dev.atelier.application.notifications.DeliveringNotifications;
import dev.atelier.application.notifications.Notifications;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Clock;
import java.time.Instant;

/** Turns each recorded notification delivery attempt into a {@code notification_logs} entry. */
public final class NotificationLog implements DeliveringNotifications.AttemptListener {

    private final EventLog log;
    private final Clock clock;

    public NotificationLog(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void attempted(Notification after, Notifications.Attempt attempt) {
        String status = switch (after.status()) {
            case SENT -> "sent";
            case PENDING -> "retried";
            case FAILED -> "failed";
        };
        Instant now = clock.instant();
        log.record(new NotificationLogEntry(TimeOrderedIds.at(now), now, after.id().toString(),
                after.orderId(), after.sourceEventType(), after.channel().wireName(), withoutQuery(after.recipient()),
                attempt.attempt(), status, attempt.statusCode(), attempt.error(),
                Math.max(0, attempt.finishedAt().toEpochMilli() - attempt.startedAt().toEpochMilli())));
    }

    /** A webhook address may carry a token in its query; the log keeps the address without it. */
    private static String withoutQuery(String recipient) {
        int query = recipient == null ? -1 : recipient.indexOf('?');
        return query < 0 ? recipient : recipient.substring(0, query);
    }
}
