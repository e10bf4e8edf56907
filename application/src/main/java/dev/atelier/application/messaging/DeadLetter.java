package dev.atelier.application.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message a consumer could not handle, parked with everything needed to understand and replay it (the
 * fields seed 002 lists). {@code eventId} and {@code eventType} are null when the message could not be read.
 */
public record DeadLetter(
        UUID id,
        long sequence,
        String consumer,
        String key,
        UUID eventId,
        String eventType,
        String source,
        int partition,
        long offset,
        byte[] value,
        Map<String, String> headers,
        String error,
        int attempts,
        Instant failedAt,
        Status status) {

    public enum Status {
        PARKED, REPLAYED, DISCARDED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DeadLetter {
        headers = Map.copyOf(headers);
    }

    public boolean readable() {
        return eventId != null && eventType != null;
    }
}
