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
 * <p>The value is left out ({@code value_omitted}) when, in base64 and with the key (carried twice), the
 * headers and the error, it would make the record carry more than {@link #MAX_CARRIED_BYTES}: a record
 * larger than a topic takes (1 MB by default) could never be published, and every later event of its key
 * would wait behind it. The value stays in the dead-letter index ({@code GET /api/dlq/{id}}), which is what
 * a replay uses.
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
    /** What a record may carry of the parked message; it leaves room under 1 MB for the rest of the record. */
    public static final int MAX_CARRIED_BYTES = 768 * 1024;

    /** The stream of a consumer's dead letters; the broker adapter maps it to the consumer's DLQ topic. */
    public static String streamOf(String consumer) {
        return "dlq." + consumer;
    }

    static MessageParked of(DeadLetter letter) {
        Base64.Encoder base64 = Base64.getEncoder();
        String key = letter.key() == null ? "" : letter.key();
        byte[] value = letter.value();
        boolean omitted = value != null && carriedBytes(key, value, letter.headers(), letter.error()) > MAX_CARRIED_BYTES;
        return new MessageParked(TimeOrderedIds.at(letter.failedAt()), letter.id(), letter.consumer(), letter.source(), letter.partition(),
                letter.offset(), base64.encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                value == null || omitted ? null : base64.encodeToString(value), value == null ? null : value.length,
                omitted, letter.headers(),
                letter.error(), letter.attempts(), letter.failedAt(), letter.eventType(), letter.eventId(),
                new Key(key));
    }

    /** The bytes of the parked message a record would carry: the key as its key and in base64, the rest. */
    static long carriedBytes(String key, byte[] value, Map<String, String> headers, String error) {
        long keyBytes = utf8(key);
        long carried = keyBytes + base64Length(keyBytes) + base64Length(value.length) + utf8(error);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            carried += utf8(header.getKey()) + utf8(header.getValue());
        }
        return carried;
    }

    private static long base64Length(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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
