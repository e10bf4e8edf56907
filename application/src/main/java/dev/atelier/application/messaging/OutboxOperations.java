package dev.atelier.application.messaging;

import dev.atelier.application.messaging.OutboxBacklog.WaitingEvent;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.shared.InvalidValueException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an operator does with events waiting in the outbox: see them, with how many attempts to publish them
 * failed and why; and park one the broker will not take, which otherwise holds up every later event of its key.
 *
 * <p>A parked event moves, in one transaction, from the outbox to the dead-letter index under the consumer name
 * {@value #DEAD_LETTER_CONSUMER}, and a record of it goes to that name's dead-letter topic like any parked
 * message. The key's later events then go out: a consumer sees them without the parked one, which is the
 * operator's call. From there the usual dead-letter operations apply: replaying it puts it back at the end of
 * the outbox (same event id), once the cause is fixed (the topic's {@code max.message.bytes} raised, say);
 * discarding it drops it for good.
 *
 * <p>Parking does not wait for the relay: should the relay publish the event in the same moment, it is both on
 * its topic and parked, and a replay publishes it once more, which consumers drop as a duplicate.
 */
public final class OutboxOperations {

    /** The consumer name parked outbox events are kept under; their dead-letter topic is {@code outbox.dlq}. */
    public static final String DEAD_LETTER_CONSUMER = "outbox";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    static final String STREAM = "stream";
    static final String SCHEMA_VERSION = "schema_version";
    static final String OCCURRED_AT = "occurred_at";
    static final String TRACEPARENT = "traceparent";
    static final String CORRELATION_ID = "correlation_id";
    static final String CAUSATION_ID = "causation_id";

    private final UnitOfWork unitOfWork;
    private final OutboxBacklog backlog;
    private final DeadLetters deadLetters;
    private final EventOutbox outbox;
    private final Clock clock;

    public OutboxOperations(UnitOfWork unitOfWork, OutboxBacklog backlog, DeadLetters deadLetters, EventOutbox outbox,
                            Clock clock) {
        this.unitOfWork = unitOfWork;
        this.backlog = backlog;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The oldest waiting events, with their failed attempts. */
    public List<WaitingEvent> oldest(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return unitOfWork.inTransaction(() -> backlog.oldest(limit));
    }

    /** Moves a waiting event to the dead-letter index; see the class comment. */
    public DeadLetter park(long position) {
        return unitOfWork.inTransaction(() -> {
            WaitingEvent waiting = backlog.take(position)
                    .orElseThrow(() -> new NotFoundException("waiting outbox event", position));
            DeadLetter parked = deadLetters.park(letterOf(waiting, clock.instant()));
            outbox.append(MessageParked.of(parked));
            return parked;
        });
    }

    static boolean isOutboxLetter(DeadLetter letter) {
        return DEAD_LETTER_CONSUMER.equals(letter.consumer());
    }

    /** An event that never reached its topic has no partition or offset: both are -1. */
    static DeadLetter letterOf(WaitingEvent waiting, Instant now) {
        OutboundEvent event = waiting.event();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(STREAM, event.stream());
        headers.put(SCHEMA_VERSION, Integer.toString(event.schemaVersion()));
        headers.put(OCCURRED_AT, event.occurredAt().toString());
        headers.put(TRACEPARENT, event.context().traceparent());
        headers.put(CORRELATION_ID, event.context().correlationId());
        if (event.context().causationId() != null) {
            headers.put(CAUSATION_ID, event.context().causationId());
        }
        String error = waiting.lastError() == null ? "parked by an operator"
                : "parked by an operator after " + waiting.failedAttempts() + " failed attempts; last: " + waiting.lastError();
        return new DeadLetter(UUID.randomUUID(), 0, DEAD_LETTER_CONSUMER, event.key(), event.eventId(), event.type(),
                event.stream(), -1, -1, event.payload(), headers, error, waiting.failedAttempts(), now,
                DeadLetter.Status.PARKED);
    }

    static OutboundEvent eventOf(DeadLetter letter) {
        Map<String, String> headers = letter.headers();
        return new OutboundEvent(0, letter.eventId(), headers.get(STREAM), letter.eventType(), letter.key(),
                Integer.parseInt(headers.get(SCHEMA_VERSION)), Instant.parse(headers.get(OCCURRED_AT)), letter.value(),
                MessageContext.continuing(headers.get(TRACEPARENT), headers.get(CORRELATION_ID),
                        headers.get(CAUSATION_ID)));
    }
}
