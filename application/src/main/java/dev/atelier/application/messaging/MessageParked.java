package dev.atelier.application.messaging;

import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Key;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The record published to a consumer's dead-letter topic ({@code <consumer>.dlq}) when it parks a message:
 * the fields of seed 002, with key and value in base64 so that any bytes survive.
 */
public record MessageParked(
        UUID eventId,
        UUID deadLetterId,
        String consumer,
        String originalTopic,
        int originalPartition,
        long originalOffset,
        String keyBase64,
        String valueBase64,
        Map<String, String> headers,
        String error,
        int attempts,
        Instant failedAt,
        String originalEventType,
        UUID originalEventId,
        Key aggregateId) implements DomainEvent {

    public static final String TYPE = "dead_letter.parked";

    /** The stream of a consumer's dead letters; the broker adapter maps it to the consumer's DLQ topic. */
    public static String streamOf(String consumer) {
        return "dlq." + consumer;
    }

    static MessageParked of(DeadLetter letter) {
        Base64.Encoder base64 = Base64.getEncoder();
        String key = letter.key() == null ? "" : letter.key();
        return new MessageParked(TimeOrderedIds.at(letter.failedAt()), letter.id(), letter.consumer(), letter.source(), letter.partition(),
                letter.offset(), base64.encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                letter.value() == null ? null : base64.encodeToString(letter.value()), letter.headers(),
                letter.error(), letter.attempts(), letter.failedAt(), letter.eventType(), letter.eventId(),
                new Key(key));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String stream() {
        return streamOf(consumer);
    }

    @Override
    public Instant occurredAt() {
        return failedAt;
    }
}
