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
 *
 * <p>A value larger than {@link #MAX_CARRIED_VALUE_BYTES} is left out ({@code value_omitted}): in base64 it
 * would make a record larger than a topic takes (1 MB by default), the relay could never publish it, and
 * every later event of its key would wait behind it. The value stays in the dead-letter index
 * ({@code GET /api/dlq/{id}}), which is what a replay uses.
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
        Integer valueSize,
        boolean valueOmitted,
        Map<String, String> headers,
        String error,
        int attempts,
        Instant failedAt,
        String originalEventType,
        UUID originalEventId,
        Key aggregateId) implements DomainEvent {

    public static final String TYPE = "dead_letter.parked";
    /** Base64 makes 512 KiB about 683 KiB, which leaves room under 1 MB for the headers and the rest. */
    public static final int MAX_CARRIED_VALUE_BYTES = 512 * 1024;

    /** The stream of a consumer's dead letters; the broker adapter maps it to the consumer's DLQ topic. */
    public static String streamOf(String consumer) {
        return "dlq." + consumer;
    }

    static MessageParked of(DeadLetter letter) {
        Base64.Encoder base64 = Base64.getEncoder();
        String key = letter.key() == null ? "" : letter.key();
        byte[] value = letter.value();
        boolean omitted = value != null && value.length > MAX_CARRIED_VALUE_BYTES;
        return new MessageParked(TimeOrderedIds.at(letter.failedAt()), letter.id(), letter.consumer(), letter.source(), letter.partition(),
                letter.offset(), base64.encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                value == null || omitted ? null : base64.encodeToString(value), value == null ? null : value.length,
                omitted, letter.headers(),
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
