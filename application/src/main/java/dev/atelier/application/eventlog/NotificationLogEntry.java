package dev.atelier.application.eventlog;

import static dev.atelier.application.eventlog.LogEntry.millis;
import static dev.atelier.application.eventlog.LogEntry.text;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One notification delivery attempt.
 *
 * @param status     {@code sent}, {@code retried} (failed, will be tried again) or {@code failed} (final)
 * @param httpStatus the channel's HTTP status, 0 when there was no HTTP answer
 * @param latencyMs  how long the attempt took
 */
public record NotificationLogEntry(UUID entryId, Instant loggedAt, String notificationId, String orderId,
                                   String eventType, String channel, String recipient, int attempt, String status,
                                   int httpStatus, String error, long latencyMs) implements LogEntry {

    public NotificationLogEntry {
        loggedAt = millis(loggedAt);
        notificationId = text(notificationId);
        orderId = text(orderId);
        eventType = text(eventType);
        channel = text(channel);
        recipient = text(recipient);
        status = text(status);
        error = text(error);
    }

    @Override
    public LogTable table() {
        return LogTable.NOTIFICATION_LOGS;
    }

    @Override
    public List<Object> values() {
        return Arrays.asList(entryId.toString(), loggedAt, notificationId, orderId, eventType, channel, recipient,
                attempt, status, httpStatus, error, latencyMs);
    }
}
