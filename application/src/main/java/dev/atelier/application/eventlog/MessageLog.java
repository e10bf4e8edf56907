package dev.atelier.application.eventlog;

import dev.atelier.application.messaging.Consumers;
import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterOperations;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.Outcome;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns what the relay and the consumers report into {@code kafka_logs} entries, so that every message
 * produced and every message consumed can be accounted for.
 *
 * <p>Per consumer group, every delivery ends in exactly one of {@code success}, {@code duplicate},
 * {@code dlq} or {@code skipped}, preceded by one {@code retried} entry per failed attempt that was tried
 * again. A produce is {@code success} or {@code failed} (the relay tries a failed event again later, and
 * each try is an entry). An operator's replay of a parked message adds {@code replayed} or
 * {@code replay_failed} to that message's entries.
 */
public final class MessageLog implements Consumers.OutcomeListener, EventPublisher.Receipts,
        DeadLetterOperations.ReplayListener {

    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String RETRIED = "retried";
    public static final String DUPLICATE = "duplicate";
    public static final String DLQ = "dlq";
    public static final String SKIPPED = "skipped";
    public static final String REPLAYED = "replayed";
    public static final String REPLAY_FAILED = "replay_failed";

    private final EventLog log;
    private final Clock clock;

    public MessageLog(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void published(OutboundEvent event, String destination, int partition, long offset) {
        produced(event, destination, partition, offset, SUCCESS, "");
    }

    @Override
    public void failed(OutboundEvent event, String destination, String error) {
        produced(event, destination, -1, -1, FAILED, error);
    }

    private void produced(OutboundEvent event, String destination, int partition, long offset, String status,
                          String error) {
        Instant now = clock.instant();
        log.record(new KafkaLogEntry(TimeOrderedIds.at(now), now, KafkaLogEntry.PRODUCE, destination, partition, offset,
                event.key(), event.eventId().toString(), event.type(), "", status, 1, error,
                millisBetween(event.occurredAt(), now), event.occurredAt(), traceId(event.context())));
    }

    @Override
    public void onOutcome(String consumer, InboundEvent.Delivery delivery, InboundEvent event, Outcome outcome) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < outcome.retriedErrors().size(); attempt++) {
            log.record(consumed(consumer, delivery, event, RETRIED, attempt + 1, outcome.retriedErrors().get(attempt),
                    now));
        }
        String status = switch (outcome.kind()) {
            case HANDLED -> SUCCESS;
            case DUPLICATE -> DUPLICATE;
            case PARKED, PARKED_BEHIND -> DLQ;
            case IGNORED -> SKIPPED;
        };
        log.record(consumed(consumer, delivery, event, status, outcome.attempts(), outcome.error(), now));
    }

    @Override
    public void replayed(DeadLetter letter, InboundEvent event, String error) {
        log.record(consumed(letter.consumer(), event.delivery(), event, error == null ? REPLAYED : REPLAY_FAILED,
                letter.attempts() + 1, error, clock.instant()));
    }

    private static KafkaLogEntry consumed(String consumer, InboundEvent.Delivery delivery, InboundEvent event,
                                          String status, int attempt, String error, Instant now) {
        Instant eventTime = event == null ? now : event.occurredAt();
        return new KafkaLogEntry(TimeOrderedIds.at(now), now, KafkaLogEntry.CONSUME, delivery.source(),
                delivery.partition(), delivery.offset(), delivery.key(),
                event == null ? "" : event.eventId().toString(), event == null ? "" : event.type(), consumer, status,
                attempt, error, millisBetween(eventTime, now), eventTime,
                event == null ? "" : traceId(event.context()));
    }

    private static long millisBetween(Instant from, Instant to) {
        return Math.max(0, to.toEpochMilli() - from.toEpochMilli());
    }

    /** The trace id inside a W3C traceparent {@code 00-<trace id>-<span id>-<flags>}. */
    private static String traceId(MessageContext context) {
        String traceparent = context.traceparent();
        return traceparent.length() >= 35 ? traceparent.substring(3, 35) : "";
    }
}
