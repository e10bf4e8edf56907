package dev.atelier.application.eventlog;

import static dev.atelier.application.eventlog.LogEntry.millis;
import static dev.atelier.application.eventlog.LogEntry.text;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A message produced or a consume outcome.
 *
 * @param direction     {@code produce} or {@code consume}
 * @param consumerGroup the consumer's group; empty for a produce
 * @param status        produce: {@code success} or {@code failed}; consume: {@code success}, {@code retried}
 *                      (one per failed attempt that was tried again), {@code duplicate}, {@code dlq} or
 *                      {@code skipped} (a type the consumer does not take)
 * @param latencyMs     produce: from the event's commit to the broker's acknowledgement; consume: from the
 *                      event's occurrence to this outcome
 */
public record KafkaLogEntry(UUID entryId, Instant loggedAt, String direction, String topic, int partition,
                            long offset, String messageKey, String eventId, String eventType,
                            String consumerGroup, String status, int attempt, String error, long latencyMs,
                            Instant eventTime, String traceId) implements LogEntry {

    public static final String PRODUCE = "produce";
    public static final String CONSUME = "consume";

    public KafkaLogEntry {
        loggedAt = millis(loggedAt);
        eventTime = millis(eventTime);
        direction = text(direction);
        topic = text(topic);
        messageKey = text(messageKey);
        eventId = text(eventId);
        eventType = text(eventType);
        consumerGroup = text(consumerGroup);
        status = text(status);
        error = text(error);
        traceId = text(traceId);
    }

    @Override
    public LogTable table() {
        return LogTable.KAFKA_LOGS;
    }

    @Override
    public List<Object> values() {
        return Arrays.asList(entryId.toString(), loggedAt, direction, topic, partition, offset, messageKey, eventId,
                eventType, consumerGroup, status, attempt, error, latencyMs, eventTime, traceId);
    }
}
