package dev.atelier.bootstrap.cli.dlq;

import dev.atelier.application.messaging.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parked message with the fields of seed 002, named as {@code /api/dlq} names them. */
final class DeadLetterDocument {

    private DeadLetterDocument() {
    }

    static Map<String, Object> of(DeadLetter letter) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", letter.id().toString());
        document.put("status", letter.status().wireName());
        document.put("consumer", letter.consumer());
        document.put("original_topic", letter.source());
        document.put("original_partition", letter.partition());
        document.put("original_offset", letter.offset());
        document.put("key", letter.key());
        document.put("event_type", letter.eventType());
        document.put("event_id", letter.eventId() == null ? null : letter.eventId().toString());
        document.put("attempts", letter.attempts());
        document.put("failed_at", letter.failedAt());
        document.put("error", letter.error());
        document.put("headers", new java.util.TreeMap<>(letter.headers()));
        document.put("value_base64",
                letter.value() == null ? null : Base64.getEncoder().encodeToString(letter.value()));
        return document;
    }

    /** The value as text when it is UTF-8 (JSON nearly always is), else null: binary is shown in base64. */
    static String text(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
